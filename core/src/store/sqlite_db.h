// A thin layer over one SQLite connection: cached prepared statements, typed binding, and
// SQLite result codes turned into Errors that name the database file. The rest of store/ never
// calls sqlite3_* directly except through this file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/enums.h"
#include "model/ids.h"
#include "tidepool/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tidepool::store {

class SqliteDb;

// A borrowed, cached prepared statement. Binding is positional (1-based, as in SQLite); the
// statement is reset and its bindings cleared when this handle goes out of scope, so the
// cache can hand it out again.
class Statement {
public:
    // in_use: the cache's flag for this statement, or null for a one-off statement that this
    // handle finalizes.
    Statement(SqliteDb& db, sqlite3_stmt* stmt, bool* in_use)
        : db_(&db), stmt_(stmt), in_use_(in_use) {}
    Statement(Statement&& other) noexcept
        : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_),
          row_error_(std::move(other.row_error_)) {
        other.stmt_ = nullptr;
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, model::Instant at) { return bind(index, model::to_unix(at)); }
    Statement& bind(int index, const std::optional<double>& value);
    Statement& bind_null(int index);
    // Optional references: "" is stored as NULL so foreign keys and UNIQUE ignore it.
    Statement& bind_optional(int index, const std::string& text);

    // Binds each argument in turn from index 1.
    template <class... Args>
    Statement& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // True when a row is available, false when done.
    Result<bool> step();
    // Steps to completion (for statements that return no rows).
    Result<void> run();

    std::string text(int column) const;
    std::int64_t int64(int column) const;
    int integer(int column) const { return static_cast<int>(int64(column)); }
    bool boolean(int column) const { return int64(column) != 0; }
    double real(int column) const;
    model::Instant instant(int column) const { return model::from_unix(int64(column)); }
    std::optional<double> optional_real(int column) const;

    // Stored enum text; an unknown spelling (a hand-edited or corrupt row) is remembered and
    // reported by row_error() instead of being silently mapped to a default.
    template <class E>
    E enumeration(int column) {
        const std::string value = text(column);
        if (auto parsed = model::parse_enum<E>(value)) return *parsed;
        note_bad_value(column, value);
        return E{};
    }
    std::optional<Error> row_error() const { return row_error_; }

private:
    void note_bad_value(int column, const std::string& value);

    SqliteDb* db_;
    sqlite3_stmt* stmt_;
    bool* in_use_;
    std::optional<Error> row_error_;
};

class SqliteDb {
public:
    SqliteDb() = default;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    // Opens the file (creating it unless read_only); errors name the path.
    Result<void> open(const std::string& path, bool read_only);
    void close();

    // Prepared once per SQL text and cached for the connection's life. SQL texts are
    // constants or built only from placeholders: values are always bound, never spliced in.
    // If the cached statement is still borrowed (a nested use of the same query), a one-off
    // statement is prepared instead so the outer iteration is not reset under its feet.
    Result<Statement> prepare(const std::string& sql);
    // Runs constant SQL that may hold several statements (migrations, pragmas).
    Result<void> exec(const char* sql);
    // Runs a one-value query such as "PRAGMA user_version".
    Result<std::int64_t> query_int(const char* sql);
    Result<std::string> query_text(const char* sql);

    int changes() const;
    // Rows inserted, updated or deleted on this connection since it opened (any table).
    std::int64_t total_changes() const;
    std::int64_t last_insert_id() const;
    // The extended code of the last failure, to tell a foreign-key failure from a UNIQUE one.
    bool last_failed_foreign_key() const;
    bool last_failed_unique() const;
    bool read_only() const;
    const std::string& path() const { return path_; }

    // An Error for the connection's last failure: "<path>: <doing>: <sqlite message>" with a
    // code an operator can act on (locked: unavailable, full: capacity, corrupt: internal).
    Error error(int rc, std::string_view doing) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace tidepool::store
