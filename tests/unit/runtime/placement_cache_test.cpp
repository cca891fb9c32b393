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

namespace {

// Agent pool "p" with config "c"; agents of 4 cores, 8 GiB.
struct AgentFixture : Fixture {
    AgentFixture() {
        pool.kind = model::PoolKind::agent;
        REQUIRE(store->put_pool(pool).ok());
        config.id = "c";
        terms.configs = {config};
    }
    model::Server agent(const std::string& id, MachineState state = MachineState::running) {
        auto s = server(id, state);
        s.config_id = "c";
        s.cores = 4;
        s.memory_gib = 8;
        return s;
    }
    void put(runtime::PlacementCache& cache, const model::Server& s) {
        REQUIRE(store->put_server(s).ok());
        cache.saved(s);
    }
    // What the runtime does: place through the registry, write, report.
    std::string place(runtime::PlacementCache& cache, const std::string& id, double cores) {
        auto* registry = cache.agent_registry(pool, terms);
        REQUIRE(registry);
        auto slot = registry->place(id, {cores, 0, 1});
        if (!slot) return "";
        auto s = session(id, "u-" + id);
        s.server_id = registry->agents().id_of(*slot);
        s.state = SessionState::placed;
        s.cores = cores;
        s.memory_gib = 1;
        REQUIRE(store->put_session(s).ok());
        cache.saved(s);
        return s.server_id;
    }

    model::AutoScaleConfig config;
    runtime::AgentTerms terms;
};

}  // namespace

TEST_CASE("agent pools: reported writes keep the registry; ends free what was held") {
    AgentFixture f;
    runtime::PlacementCache cache(*f.store);
    REQUIRE(cache.agent_registry(f.pool, f.terms));
    f.put(cache, f.agent("agt-a"));
    f.put(cache, f.agent("agt-b"));
    CHECK(f.place(cache, "s1", 3) == "agt-a");  // spread: equal room, lowest id
    CHECK(f.place(cache, "s2", 3) == "agt-b");
    CHECK(f.place(cache, "s3", 2).empty());     // 1 core left on each
    auto s1 = f.store->get_session("s1").value();
    s1.state = SessionState::ended;
    REQUIRE(f.store->put_session(s1).ok());
    cache.saved(s1);
    CHECK(f.place(cache, "s3", 2) == "agt-a");
    CHECK(cache.rebuilds() == 1);
}

TEST_CASE("agent pools: an override or an inactive config changes the terms and rebuilds") {
    AgentFixture f;
    runtime::PlacementCache cache(*f.store);
    f.put(cache, f.agent("agt-a"));
    CHECK(f.place(cache, "s1", 4) == "agt-a");
    CHECK(f.place(cache, "s2", 2).empty());
    f.terms.configs[0].agent_cores_override = 8;  // oversubscribe: 4 more cores
    CHECK(f.place(cache, "s2", 2) == "agt-a");
    CHECK(cache.rebuilds() == 2);
    f.terms.inactive = {"c"};  // its agents take no new sessions
    CHECK(f.place(cache, "s3", 1).empty());
    CHECK(cache.rebuilds() == 3);
    CHECK(f.place(cache, "s4", 1).empty());
    CHECK(cache.rebuilds() == 3);  // same terms: no rebuild
}

TEST_CASE("agent pools: a gone agent and an unreported write are rebuilt from the store") {
    AgentFixture f;
    runtime::PlacementCache cache(*f.store);
    f.put(cache, f.agent("agt-a"));
    f.put(cache, f.agent("agt-b"));
    CHECK(f.place(cache, "s1", 1) == "agt-a");
    f.put(cache, f.agent("agt-b", MachineState::gone));
    CHECK(f.place(cache, "s2", 1) == "agt-a");
    CHECK(cache.rebuilds() == 2);
    REQUIRE(f.store->put_server(f.agent("agt-c")).ok());  // behind the cache's back
    CHECK(f.place(cache, "s3", 1) == "agt-c");           // 4 free beats agt-a's 2
    CHECK(cache.rebuilds() == 3);
}
