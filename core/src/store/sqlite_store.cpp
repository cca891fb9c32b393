// SqliteStore: opening, transactions, meta and decision records.
#include "store/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "store/migrations.h"

namespace tidepool::store {
namespace {

namespace fs = std::filesystem;

// Checked before SQLite sees the path, so the operator reads which directory is wrong rather
// than SQLite's generic "unable to open database file".
Result<void> check_directory(const std::string& path) {
    if (path.empty()) {
        return Error{ErrorCode::invalid, "no database path given; set --data-dir", ""};
    }
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (!fs::exists(status)) {
        return Error{ErrorCode::invalid,
                     path + ": directory " + dir.string() +
                         " does not exist; create it or point --data-dir elsewhere",
                     ""};
    }
    if (!fs::is_directory(status)) {
        return Error{ErrorCode::invalid,
                     path + ": " + dir.string() +
                         " is not a directory; point --data-dir at a directory",
                     ""};
    }
    if (fs::is_directory(fs::status(path, ec))) {
        return Error{ErrorCode::invalid,
                     path + " is a directory, not a database file; point --data-dir elsewhere",
                     ""};
    }
    return {};
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options) {
    return SqliteStore::open(options);
}

Result<std::unique_ptr<Store>> SqliteStore::open(const SqliteOptions& options) {
    if (auto dir = check_directory(options.path); !dir) return dir.error();
    std::unique_ptr<SqliteStore> store(new SqliteStore(options));
    if (auto r = store->db_.open(options.path, options.read_only); !r) return r.error();
    if (auto r = store->configure(); !r) return r.error();
    if (auto r = migrate(store->db_, options.read_only); !r) return r.error();
    return std::unique_ptr<Store>(std::move(store));
}

Result<void> SqliteStore::configure() {
    // SQLite silently opens a file it cannot write read-only; say so now, not at the first write.
    if (!options_.read_only && db_.read_only()) {
        return Error{ErrorCode::denied,
                     db_.path() + " is not writable by tidepoold; fix its permissions or point "
                                  "--data-dir elsewhere",
                     ""};
    }
    // busy_timeout: another process (a CLI reading the same file) may briefly hold a lock.
    // temp_store: savepoints (nested transactions) journal into temp storage; keep it in
    // memory rather than a temp file written page by page.
    if (auto r = db_.exec("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; "
                          "PRAGMA temp_store = MEMORY");
        !r) {
        return r;
    }
    // The first real read: a file that is not a database fails here, with its path.
    auto mode = db_.query_text(options_.read_only ? "PRAGMA journal_mode"
                                                  : "PRAGMA journal_mode = WAL");
    if (!mode) return mode.error();
    if (!options_.read_only && *mode != "wal") {
        return Error{ErrorCode::unavailable,
                     db_.path() + ": cannot switch to write-ahead logging (journal mode is " +
                         *mode + "); put the data directory on a local file system",
                     ""};
    }
    // FULL: in WAL mode this syncs the log at every commit, so an acknowledged write survives
    // power loss (NORMAL could lose the last commits).
    if (auto r = db_.exec("PRAGMA synchronous = FULL"); !r) return r;
    // A negative cache_size is in KiB; built from an integer option, never from text input.
    const std::string cache =
        "PRAGMA cache_size = -" + std::to_string(std::max(options_.cache_mib, 1) * 1024);
    return db_.exec(cache.c_str());
}

Result<void> SqliteStore::transaction(const std::function<Result<void>()>& fn) {
    std::lock_guard lock(mutex_);
    const bool outer = depth_ == 0;
    // A nested call becomes a savepoint: it commits with the outer transaction, but its own
    // failure rolls back only its own writes.
    if (auto r = run_constant(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT tp_nested"); !r) return r;
    ++depth_;
    // A rollback undoes whatever servers and sessions this level wrote: views of them must
    // learn that the store changed back (a rollback that undid none of them changes nothing).
    const std::uint64_t generation_before = machine_generation_.load();
    auto undone = [&] {
        if (machine_generation_.load() != generation_before) touch_machines();
    };
    Result<void> result;
    try {
        result = fn();
    } catch (...) {
        --depth_;
        (void)rollback(outer);
        undone();
        throw;
    }
    --depth_;
    if (!result) {
        (void)rollback(outer);
        undone();
        return result;
    }
    if (auto r = run_constant(outer ? "COMMIT" : "RELEASE tp_nested"); !r) {
        (void)rollback(outer);
        undone();
        return r;
    }
    return {};
}

std::int64_t SqliteStore::rows_written() {
    std::lock_guard lock(mutex_);
    return db_.total_changes();
}

Result<void> SqliteStore::rollback(bool outer) {
    if (outer) return run_constant("ROLLBACK");
    // ROLLBACK TO keeps the savepoint open; RELEASE then removes it.
    if (auto r = run_constant("ROLLBACK TO tp_nested"); !r) return r;
    return run_constant("RELEASE tp_nested");
}

// The statement is returned to the cache before the caller goes on, so a nested transaction
// reuses the cached SAVEPOINT statement instead of preparing a new one.
Result<void> SqliteStore::run_constant(const char* sql) {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    return st->run();
}

Result<std::optional<std::string>> SqliteStore::get_meta(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare("SELECT value FROM meta WHERE name = ?");
    if (!st) return st.error();
    auto row = st->bind_all(key).step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(st->text(0));
}

Result<void> SqliteStore::set_meta(const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(
        "INSERT INTO meta (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    return st->bind_all(key, value).run();
}

Result<void> SqliteStore::append_decision(const DecisionRecord& record) {
    return transaction([&]() -> Result<void> {
        auto insert =
            db_.prepare("INSERT INTO decisions (pool_id, at, record_json) VALUES (?, ?, ?)");
        if (!insert) return insert.error();
        if (auto r = insert->bind_all(record.pool_id, record.at, record.json).run(); !r) return r;
        // Keep the newest decisions_per_pool: drop everything at or below the first one past it.
        auto trim = db_.prepare(
            "DELETE FROM decisions WHERE pool_id = ? AND seq <= ("
            "SELECT seq FROM decisions WHERE pool_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)");
        if (!trim) return trim.error();
        const int keep = std::max(options_.decisions_per_pool, 1);
        return trim->bind_all(record.pool_id, record.pool_id, keep).run();
    });
}

Result<std::vector<DecisionRecord>> SqliteStore::list_decisions(const Id& pool_id, int limit) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(
        "SELECT seq, pool_id, at, record_json FROM decisions WHERE pool_id = ? "
        "ORDER BY seq DESC LIMIT ?");
    if (!st) return st.error();
    st->bind_all(pool_id, limit <= 0 ? options_.decisions_per_pool : limit);
    std::vector<DecisionRecord> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(DecisionRecord{st->int64(0), st->text(1), st->instant(2), st->text(3)});
    }
    return out;
}

}  // namespace tidepool::store
