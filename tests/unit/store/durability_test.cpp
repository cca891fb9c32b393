// Transactions, reopening, and every way opening a database can be refused.
#include <sqlite3.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "store/migrations.h"
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

namespace {

Error open_error(const std::string& path, bool read_only = false) {
    SqliteOptions options;
    options.path = path;
    options.read_only = read_only;
    auto store = open_sqlite_store(options);
    REQUIRE_FALSE(store.ok());
    return store.error();
}

void sqlite_exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a failed transaction rolls back everything it wrote") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto result = store->transaction([&]() -> Result<void> {
        REQUIRE_OK(store->put_pool(pool("web")));
        REQUIRE_OK(store->set_meta("k", "v"));
        return Error{ErrorCode::conflict, "changed my mind", ""};
    });
    CHECK(result.error().message == "changed my mind");
    CHECK(store->get_pool("web").error().code == ErrorCode::not_found);
    CHECK_FALSE(store->get_meta("k")->has_value());

    REQUIRE_OK(store->transaction([&]() -> Result<void> { return store->put_pool(pool("web")); }));
    CHECK(store->get_pool("web").ok());
}

TEST_CASE("nested transactions join the outer one") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    // Inner failure rolls back only the inner writes; the outer still commits.
    REQUIRE_OK(store->transaction([&]() -> Result<void> {
        REQUIRE_OK(store->put_pool(pool("outer")));
        auto inner = store->transaction([&]() -> Result<void> {
            REQUIRE_OK(store->put_pool(pool("inner")));
            return Error{ErrorCode::invalid, "no", ""};
        });
        CHECK_FALSE(inner.ok());
        return store->transaction([&] { return store->put_pool(pool("inner2")); });
    }));
    CHECK(store->get_pool("outer").ok());
    CHECK(store->get_pool("inner").error().code == ErrorCode::not_found);
    CHECK(store->get_pool("inner2").ok());

    // Outer failure undoes inner work that had succeeded.
    auto failed = store->transaction([&]() -> Result<void> {
        REQUIRE_OK(store->transaction([&] { return store->put_pool(pool("doomed")); }));
        return Error{ErrorCode::internal, "outer failed", ""};
    });
    CHECK_FALSE(failed.ok());
    CHECK(store->get_pool("doomed").error().code == ErrorCode::not_found);
}

TEST_CASE("an exception in a transaction rolls back and propagates") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    CHECK_THROWS_AS((void)store->transaction([&]() -> Result<void> {
        (void)store->put_pool(pool("web"));
        throw std::runtime_error("boom");
    }),
                    std::runtime_error);
    CHECK(store->get_pool("web").error().code == ErrorCode::not_found);
    REQUIRE_OK(store->put_pool(pool("after")));  // the store is usable again
}

TEST_CASE("reopening keeps the data; the database is WAL with synchronous=FULL") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        auto store = open_store(path);
        REQUIRE_OK(store->put_pool(pool("web")));
        REQUIRE_OK(store->put_session(session("s1", "web")));
        REQUIRE_OK(store->set_meta("installation_id", "inst-1"));
    }
    auto store = open_store(path);
    CHECK(store->get_pool("web").ok());
    CHECK(store->get_session("s1")->user == "alice");
    CHECK(store->get_meta("installation_id")->value() == "inst-1");

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
    sqlite3_finalize(st);
    REQUIRE(sqlite3_prepare_v2(db, "SELECT version, name FROM schema_migrations ORDER BY version",
                               -1, &st, nullptr) == SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) ++rows;
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(rows == latest_schema_version());
}

TEST_CASE("a database from a newer Tidepool is refused") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    { auto store = open_store(path); }
    const std::string newer = std::to_string(latest_schema_version() + 1);
    sqlite_exec(path, ("PRAGMA user_version = " + newer).c_str());
    Error e = open_error(path);
    CHECK(e.code == ErrorCode::invalid);
    CHECK(e.message == path + " was written by a newer Tidepool (schema " + newer +
                           "; this build knows up to " +
                           std::to_string(latest_schema_version()) +
                           "); upgrade tidepoold or point --data-dir elsewhere");
}

TEST_CASE("a file of random bytes is reported, not crashed on") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        std::ofstream out(path, std::ios::binary);
        std::mt19937 rng(42);
        for (int i = 0; i < 8192; ++i) out.put(static_cast<char>(rng() & 0xff));
    }
    Error e = open_error(path);
    CHECK(contains(e.message, path));
    CHECK(contains(e.message, "damaged or is not a Tidepool database"));
}

TEST_CASE("a damaged page is reported with the path, not crashed on") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        auto store = open_store(path);
        for (int i = 0; i < 50; ++i) {
            REQUIRE_OK(store->put_pool(pool(("pool-" + std::to_string(i)).c_str())));
        }
    }
    const auto size = std::filesystem::file_size(path);
    {
        // Keep the header page, scramble every page after it.
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(4096);
        std::mt19937 rng(7);
        for (auto i = 4096u; i < size; ++i) file.put(static_cast<char>(rng() & 0xff));
    }
    SqliteOptions options;
    options.path = path;
    auto store = open_sqlite_store(options);
    if (!store.ok()) {
        CHECK(contains(store.error().message, path));
        return;
    }
    auto pools = (*store)->list_pools();
    REQUIRE_FALSE(pools.ok());
    CHECK(contains(pools.error().message, path));
    CHECK(contains(pools.error().message, "damaged"));
}

TEST_CASE("another application's SQLite file is refused") {
    TempDir dir;
    const std::string path = dir.file("other.sqlite");
    sqlite_exec(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY)");
    Error e = open_error(path);
    CHECK(e.message == path + " holds tables but is not a Tidepool database; point --data-dir "
                              "elsewhere");
    sqlite_exec(path, "PRAGMA application_id = 1234");
    CHECK(contains(open_error(path).message, "is not a Tidepool database"));
}

TEST_CASE("unusable paths name the path and what to do") {
    TempDir dir;
    Error missing_dir = open_error(dir.file("no-such-dir/db.sqlite"));
    CHECK(missing_dir.code == ErrorCode::invalid);
    CHECK(contains(missing_dir.message, "no-such-dir does not exist"));

    const std::string file = dir.file("plain-file");
    std::ofstream(file) << "x";
    Error not_dir = open_error(file + "/db.sqlite");
    CHECK(contains(not_dir.message, file + " is not a directory"));

    Error is_dir = open_error(dir.path().string());
    CHECK(contains(is_dir.message, "is a directory, not a database file"));

    CHECK(open_error("").code == ErrorCode::invalid);

    // Permission bits do not bind root, so this part only runs unprivileged.
    if (geteuid() != 0) {
        const std::string locked = dir.file("locked");
        std::filesystem::create_directory(locked);
        std::filesystem::permissions(locked, std::filesystem::perms::owner_read |
                                                 std::filesystem::perms::owner_exec);
        Error denied = open_error(locked + "/db.sqlite");
        CHECK(denied.code == ErrorCode::denied);
        CHECK(contains(denied.message, locked + "/db.sqlite"));
        std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
    }
}

TEST_CASE("read-only stores read but never migrate") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    Error fresh = open_error(path, /*read_only=*/true);
    CHECK(contains(fresh.message, path));
    {
        auto store = open_store(path);
        REQUIRE_OK(store->put_pool(pool("web")));
    }
    SqliteOptions options;
    options.path = path;
    options.read_only = true;
    auto reader = open_sqlite_store(options);
    REQUIRE_MESSAGE(reader.ok(), reader.error().message);
    CHECK((*reader)->get_pool("web").ok());
    CHECK_FALSE((*reader)->put_pool(pool("gpu")).ok());

    sqlite_exec(path, "PRAGMA user_version = 1");
    Error old = open_error(path, /*read_only=*/true);
    CHECK(contains(old.message, "open it once read-write"));
}

TEST_CASE("a stored enum this build does not know is an error, not a default") {
    TempDir dir;
    const std::string path = dir.file("db.sqlite");
    {
        auto store = open_store(path);
        REQUIRE_OK(store->put_pool(pool("web")));
    }
    sqlite_exec(path, "UPDATE pools SET kind = 'hypervisor'");
    auto store = open_store(path);
    auto p = store->get_pool("web");
    REQUIRE_FALSE(p.ok());
    CHECK(contains(p.error().message, "\"hypervisor\""));
    CHECK_FALSE(store->list_pools().ok());
}
