// The runtime's placement cache: it follows the writes reported to it without rebuilding, and
// any write it was not told about (or a rollback) makes it rebuild rather than place wrongly.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "runtime/placement_cache.h"

using namespace tidepool;
using model::MachineState;
using model::SessionState;

namespace {

struct Fixture {
    Fixture() {
        dir = std::filesystem::temp_directory_path() /
              ("tp-cache-" + std::to_string(::getpid()) + "-" + std::to_string(++counter()));
        std::filesystem::create_directories(dir);
        store = std::move(store::open_sqlite_store({(dir / "t.db").string()}).value());
        pool = {"p", "pool", model::PoolKind::server};
        REQUIRE(store->put_pool(pool).ok());
    }
    ~Fixture() { std::filesystem::remove_all(dir); }
    static int& counter() {
        static int n = 0;
        return n;
    }

    model::Server server(const std::string& id, MachineState state = MachineState::running) {
        model::Server s;
        s.id = id;
        s.pool_id = "p";
        s.state = state;
        s.max_sessions = 2;
        s.max_users = 2;
        return s;
    }
    model::Session session(const std::string& id, const std::string& user) {
        model::Session s;
        s.id = id;
        s.pool_id = "p";
        s.user = user;
        s.state = SessionState::queued;
        return s;
    }
    // What the runtime does: place through the registry, write, report.
    std::string place(runtime::PlacementCache& cache, model::Session s) {
        auto* registry = cache.registry(pool);
        REQUIRE(registry);
        auto slot = registry->place(s.id, s.user, s.kind);
        if (!slot) return "";
        s.server_id = registry->servers().id_of(*slot);
        s.state = SessionState::placed;
        REQUIRE(store->put_session(s).ok());
        cache.saved(s);
        return s.server_id;
    }

    std::filesystem::path dir;
    std::unique_ptr<store::Store> store;
    model::Pool pool;
};

}  // namespace

TEST_CASE("reported writes keep the registry without a rebuild") {
    Fixture f;
    runtime::PlacementCache cache(*f.store);
    REQUIRE(cache.registry(f.pool));
    CHECK(cache.rebuilds() == 1);
    for (const char* id : {"srv-a", "srv-b"}) {
        auto s = f.server(id);
        REQUIRE(f.store->put_server(s).ok());
        cache.saved(s);
    }
    CHECK(f.place(cache, f.session("s1", "alice")) == "srv-a");
    CHECK(f.place(cache, f.session("s2", "bob")) == "srv-b");  // breadth-first: most headroom
    auto ended = f.store->get_session("s1").value();
    ended.state = SessionState::ended;
    REQUIRE(f.store->put_session(ended).ok());
    cache.saved(ended);
    CHECK(f.place(cache, f.session("s3", "carol")) == "srv-a");  // srv-a is empty again
    auto drained = f.server("srv-a", MachineState::draining);
    REQUIRE(f.store->put_server(drained).ok());
    cache.saved(drained);
    CHECK(f.place(cache, f.session("s4", "dave")) == "srv-b");
    CHECK(f.place(cache, f.session("s5", "erin")).empty());  // srv-b is full
    CHECK(cache.rebuilds() == 1);
}

TEST_CASE("a write nobody reported makes the next use rebuild from the store") {
    Fixture f;
    runtime::PlacementCache cache(*f.store);
    REQUIRE(cache.registry(f.pool));
    CHECK(f.place(cache, f.session("s1", "alice")).empty());  // no server yet
    REQUIRE(f.store->put_server(f.server("srv-hand")).ok());  // behind the cache's back
    CHECK(f.place(cache, f.session("s2", "alice")) == "srv-hand");
    CHECK(cache.rebuilds() == 2);

    // A session written behind its back is counted too: srv-hand has one slot left.
    auto other = f.session("s3", "bob");
    other.state = SessionState::placed;
    other.server_id = "srv-hand";
    REQUIRE(f.store->put_session(other).ok());
    CHECK(f.place(cache, f.session("s4", "carol")).empty());
}

TEST_CASE("a rolled-back write is undone in the cache; a rollback that wrote nothing is not") {
    Fixture f;
    runtime::PlacementCache cache(*f.store);
    auto s = f.server("srv-a");
    REQUIRE(f.store->put_server(s).ok());
    REQUIRE(cache.registry(f.pool));
    std::uint64_t built = cache.rebuilds();

    (void)f.store->transaction([&]() -> Result<void> {
        CHECK(f.place(cache, f.session("s1", "alice")) == "srv-a");
        return make_error(ErrorCode::internal, "the batch fails after the write");
    });
    CHECK_FALSE(f.store->get_session("s1").ok());
    // Both slots are free again: the rollback dropped the registry, which saw no s1.
    CHECK(f.place(cache, f.session("s2", "bob")) == "srv-a");
    CHECK(f.place(cache, f.session("s3", "carol")) == "srv-a");
    CHECK(cache.rebuilds() == built + 1);

    (void)f.store->transaction([]() -> Result<void> {
        return make_error(ErrorCode::invalid, "refused before writing anything");
    });
    REQUIRE(cache.registry(f.pool));
    CHECK(cache.rebuilds() == built + 1);
}

TEST_CASE("a changed placement strategy rebuilds the pool's index") {
    Fixture f;
    runtime::PlacementCache cache(*f.store);
    for (const char* id : {"srv-a", "srv-b"}) REQUIRE(f.store->put_server(f.server(id)).ok());
    CHECK(f.place(cache, f.session("s1", "alice")) == "srv-a");
    f.pool.placement = model::PlacementStrategy::depth_first;
    REQUIRE(f.store->put_pool(f.pool).ok());
    CHECK(f.place(cache, f.session("s2", "bob")) == "srv-a");  // fill srv-a first
}
