// Small helpers shared by the SqliteStore method files: SQL text built from constant column
// lists (never from values), row collection, and the wording of conflict messages.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "store/sqlite_db.h"

namespace tidepool::store {

// "INSERT INTO t (a, b, c) VALUES (?, ?, ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b, …":
// the first column is the key. Standard SQL:2003-style upsert that PostgreSQL shares; unlike
// INSERT OR REPLACE it updates in place, so foreign keys pointing at the row stay valid.
std::string upsert_sql(const char* table, std::span<const char* const> columns);
// "a, b, c"
std::string column_list(std::span<const char* const> columns);
// "SELECT a, b, c FROM t"
std::string select_sql(const char* table, std::span<const char* const> columns);
// "?, ?, ?" for an IN list of n values.
std::string placeholders(std::size_t n);
// "\"a\", \"b\" and 3 more"
std::string quote_ids(const std::vector<std::string>& ids, std::size_t total);

// Steps through every row, reading each with read(st); stops at the first bad row.
template <class T, class Read>
Result<std::vector<T>> collect(Statement& st, Read read) {
    std::vector<T> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(read(st));
        if (auto bad = st.row_error()) return *bad;
    }
    return out;
}

// The single row of a lookup by key, or not_found with `missing` as the message.
template <class T, class Read>
Result<T> single(Statement& st, Read read, std::string missing) {
    auto row = st.step();
    if (!row) return row.error();
    if (!*row) return Error{ErrorCode::not_found, std::move(missing), ""};
    T value = read(st);
    if (auto bad = st.row_error()) return *bad;
    return value;
}

template <class T>
void sort_by_id(std::vector<T>& items) {
    std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

}  // namespace tidepool::store
