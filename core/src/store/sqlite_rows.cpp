#include "store/sqlite_rows.h"

namespace tidepool::store {

std::string upsert_sql(const char* table, std::span<const char* const> columns) {
    std::string names, updates;
    bool first = true;
    for (const char* column : columns) {
        if (!first) {
            names += ", ";
            if (!updates.empty()) updates += ", ";
            updates += std::string(column) + " = excluded." + column;
        }
        names += column;
        first = false;
    }
    return std::string("INSERT INTO ") + table + " (" + names + ") VALUES (" +
           placeholders(columns.size()) + ") ON CONFLICT (" + columns.front() +
           ") DO UPDATE SET " + updates;
}

std::string column_list(std::span<const char* const> columns) {
    std::string out;
    for (const char* column : columns) {
        if (!out.empty()) out += ", ";
        out += column;
    }
    return out;
}

std::string select_sql(const char* table, std::span<const char* const> columns) {
    return "SELECT " + column_list(columns) + " FROM " + table;
}

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
    return out;
}

std::string quote_ids(const std::vector<std::string>& ids, std::size_t total) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) out += (i + 1 == ids.size() && total == ids.size()) ? " and " : ", ";
        out += "\"" + ids[i] + "\"";
    }
    if (total > ids.size()) out += " and " + std::to_string(total - ids.size()) + " more";
    return out;
}

}  // namespace tidepool::store
