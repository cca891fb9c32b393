// Staging configs in the store, their bundle path, and staged sessions' extra columns.
#include "store/config_apply.h"

#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

namespace {

model::StagingConfig notebook(const char* id, const char* pool_id) {
    model::StagingConfig c;
    c.id = id;
    c.name = "Notebooks";
    c.pool_id = pool_id;
    c.workspace = "python-notebook";
    c.desired_count = 3;
    c.expiry_hours = 8;
    c.cores = 2;
    c.gpus = 0.5;
    c.memory_gib = 4;
    c.enabled = false;
    return c;
}

}  // namespace

TEST_CASE("a staging config round-trips, lists by pool, and pins its pool") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("agents", model::PoolKind::agent)));
    REQUIRE_OK(store->put_pool(pool("other", model::PoolKind::agent)));
    REQUIRE_OK(store->put_staging_config(notebook("nb", "agents")));
    REQUIRE_OK(store->put_staging_config(notebook("nb-2", "other")));

    CHECK(*store->get_staging_config("nb") == notebook("nb", "agents"));
    auto in_pool = store->list_staging_configs("agents");
    REQUIRE(in_pool.ok());
    REQUIRE(in_pool->size() == 1);
    CHECK(in_pool->front().id == "nb");
    CHECK(store->list_staging_configs()->size() == 2);

    auto refused = store->remove_pool("agents");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::conflict);
    CHECK(refused.error().message.find("nb") != std::string::npos);

    REQUIRE_OK(store->remove_staging_config("nb"));
    CHECK(store->get_staging_config("nb").error().code == ErrorCode::not_found);
    CHECK(store->remove_staging_config("nb").error().code == ErrorCode::not_found);
    REQUIRE_OK(store->remove_pool("agents"));
}

TEST_CASE("a staging config naming a missing pool is refused by its pointer") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto result = store->put_staging_config(notebook("nb", "nowhere"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "/pool_id");
}

TEST_CASE("a bundle's staging config must name an agent pool, stored or in the bundle") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("desktops")));
    REQUIRE_OK(store->put_pool(pool("agents", model::PoolKind::agent)));
    auto on_server_pool = model::parse_config_bundle_text(R"({"staging_configs": [
        {"id": "ok", "pool_id": "agents", "workspace": "w", "cores": 1},
        {"id": "bad", "pool_id": "desktops", "workspace": "w", "cores": 1}]})");
    REQUIRE(on_server_pool.ok());
    auto refused = apply_config_bundle(*store, *on_server_pool);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "/staging_configs/1/pool_id");
    CHECK(refused.error().message.find("agent") != std::string::npos);
    CHECK(store->list_staging_configs()->empty());

    // The bundle turns "desktops" into an agent pool, so the same config is now fine.
    auto retyped = model::parse_config_bundle_text(R"({
        "pools": [{"id": "desktops", "kind": "agent"}],
        "staging_configs": [{"id": "bad", "pool_id": "desktops", "workspace": "w",
                             "desired_count": 2, "memory_gib": 2}]})");
    REQUIRE(retyped.ok());
    REQUIRE_OK(apply_config_bundle(*store, *retyped));
    CHECK(store->get_staging_config("bad")->desired_count == 2);
}

TEST_CASE("a staged session keeps its workspace, config and expiry, and is taken by a user") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("agents", model::PoolKind::agent)));
    model::Session s;
    s.id = "s1";
    s.pool_id = "agents";
    s.server_id = "agent-1";
    s.state = model::SessionState::staged;
    s.workspace = "python-notebook";
    s.staging_config_id = "nb";
    s.expires_at = model::Instant{std::chrono::seconds{7200}};
    s.cores = 2;
    REQUIRE_OK(store->put_session(s));
    auto stored = store->get_session("s1");
    REQUIRE(stored.ok());
    CHECK(stored->state == model::SessionState::staged);
    CHECK(stored->workspace == "python-notebook");
    CHECK(stored->staging_config_id == "nb");
    CHECK(stored->expires_at == s.expires_at);
    auto staged = store->list_sessions({.states = {model::SessionState::staged}});
    CHECK(staged->size() == 1);

    // Taking it sets the user: a change the state-only fast path must not swallow.
    s.user = "ada";
    s.state = model::SessionState::placed;
    s.expires_at = {};
    REQUIRE_OK(store->put_session(s));
    stored = store->get_session("s1");
    CHECK(stored->user == "ada");
    CHECK(stored->state == model::SessionState::placed);
    CHECK(stored->expires_at == model::Instant{});
    CHECK(stored->staging_config_id == "nb");
}
