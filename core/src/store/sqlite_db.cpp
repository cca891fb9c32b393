#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <mutex>

namespace tidepool::store {

// ---- Statement ----

Statement::~Statement() {
    if (stmt_ == nullptr) return;
    if (in_use_ == nullptr) {
        sqlite3_finalize(stmt_);
        return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bind_optional(int index, const std::string& text) {
    return text.empty() ? bind_null(index) : bind(index, text);
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_->error(rc, "running a query");
}

Result<void> Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return row.error();
        if (!*row) return {};
    }
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    if (data == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(data),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::optional<double> Statement::optional_real(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return real(column);
}

void Statement::note_bad_value(int column, const std::string& value) {
    if (row_error_) return;
    row_error_ = Error{ErrorCode::internal,
                       db_->path() + ": column " + sqlite3_column_name(stmt_, column) +
                           " holds \"" + value + "\", which this build does not know; the " +
                           "database was edited by hand or is damaged",
                       ""};
}

// ---- SqliteDb ----

SqliteDb::~SqliteDb() { close(); }

void SqliteDb::close() {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
    cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
}

namespace {

// Memory statistics make every SQLite allocation take a global mutex; the store never reads
// them. This is process-wide and only possible before SQLite initialises, so it is attempted
// once and silently skipped if something else already used SQLite.
void disable_memory_statistics() {
    static std::once_flag once;
    std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<void> SqliteDb::open(const std::string& path, bool read_only) {
    disable_memory_statistics();
    path_ = path;
    // NOMUTEX: the store serialises every use of the connection with its own mutex.
    const int flags = (read_only ? SQLITE_OPEN_READONLY
                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = error(rc, read_only ? "opening the database read-only"
                                      : "opening or creating the database");
        close();
        return e;
    }
    sqlite3_extended_result_codes(db_, 1);
    return {};
}

Result<Statement> SqliteDb::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second.in_use) {
        it->second.in_use = true;
        return Statement(*this, it->second.stmt, &it->second.in_use);
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc, "preparing a query");
    if (it != cache_.end()) return Statement(*this, stmt, nullptr);
    Cached& cached = cache_[sql];
    cached = Cached{stmt, true};
    return Statement(*this, stmt, &cached.in_use);
}

Result<void> SqliteDb::exec(const char* sql) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return error(rc, "updating the schema");
    return {};
}

Result<std::int64_t> SqliteDb::query_int(const char* sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return *row ? st->int64(0) : std::int64_t{0};
}

Result<std::string> SqliteDb::query_text(const char* sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return *row ? st->text(0) : std::string();
}

int SqliteDb::changes() const { return sqlite3_changes(db_); }

std::int64_t SqliteDb::total_changes() const { return sqlite3_total_changes64(db_); }

std::int64_t SqliteDb::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::last_failed_foreign_key() const {
    return sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_FOREIGNKEY;
}

bool SqliteDb::last_failed_unique() const {
    const int code = sqlite3_extended_errcode(db_);
    return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

bool SqliteDb::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

namespace {

struct Advice {
    ErrorCode code;
    const char* hint;
};

Advice advice_for(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return {ErrorCode::unavailable,
                    "another process holds the database; is a second tidepoold running on "
                    "the same --data-dir?"};
        case SQLITE_FULL: return {ErrorCode::capacity, "free disk space, then retry"};
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return {ErrorCode::internal,
                    "the file is damaged or is not a Tidepool database; restore it from a "
                    "backup or point --data-dir elsewhere"};
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
        case SQLITE_READONLY:
        case SQLITE_AUTH:
            return {ErrorCode::denied,
                    "check that the file and its directory exist and are writable by "
                    "tidepoold, or point --data-dir elsewhere"};
        case SQLITE_IOERR: return {ErrorCode::unavailable, "check the disk, then retry"};
        case SQLITE_CONSTRAINT: return {ErrorCode::conflict, nullptr};
        default: return {ErrorCode::internal, nullptr};
    }
}

}  // namespace

Error SqliteDb::error(int rc, std::string_view doing) const {
    const char* detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    const Advice advice = advice_for(rc);
    std::string message = path_ + ": " + std::string(doing) + " failed: " + detail;
    if (advice.hint != nullptr) message += std::string("; ") + advice.hint;
    return Error{advice.code, std::move(message), ""};
}

}  // namespace tidepool::store
