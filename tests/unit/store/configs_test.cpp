// CRUD of the configured objects, and the rules between them.
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;

TEST_CASE("zones and pools round trip, replace by id, list sorted, remove") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));

    REQUIRE_OK(store->put_zone({"eu", "Europe", "broker.example.com"}));
    REQUIRE_OK(store->put_zone({"am", "Americas", "us.example.com"}));
    auto zone = store->get_zone("eu");
    REQUIRE(zone.ok());
    CHECK(zone->name == "Europe");
    CHECK(zone->upstream_auth_address == "broker.example.com");
    REQUIRE_OK(store->put_zone({"eu", "Europe 2", "b2.example.com"}));
    CHECK(store->get_zone("eu")->name == "Europe 2");
    auto zones = store->list_zones();
    REQUIRE(zones.ok());
    REQUIRE(zones->size() == 2);
    CHECK((*zones)[0].id == "am");

    model::Pool p{"web", "Web", model::PoolKind::agent, model::PlacementStrategy::depth_first, 42};
    REQUIRE_OK(store->put_pool(p));
    auto back = store->get_pool("web");
    REQUIRE(back.ok());
    CHECK(back->kind == model::PoolKind::agent);
    CHECK(back->placement == model::PlacementStrategy::depth_first);
    CHECK(back->max_queue_wait_s == 42);
    CHECK(store->list_pools()->size() == 1);

    REQUIRE_OK(store->remove_zone("am"));
    CHECK(store->get_zone("am").error().code == ErrorCode::not_found);
    CHECK(store->remove_zone("am").error().code == ErrorCode::not_found);
    REQUIRE_OK(store->remove_pool("web"));
    CHECK(store->get_pool("web").error().code == ErrorCode::not_found);
}

TEST_CASE("provider configs round trip") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    auto c = provider("aws", model::ProviderKind::dns);
    REQUIRE_OK(store->put_provider_config(c));
    auto back = store->get_provider_config("aws");
    REQUIRE(back.ok());
    CHECK(back->kind == model::ProviderKind::dns);
    CHECK(back->plugin_id == c.plugin_id);
    CHECK(back->config_json == c.config_json);
    CHECK(back->max_instances == 4);
    CHECK(store->list_provider_configs()->size() == 1);
    REQUIRE_OK(store->remove_provider_config("aws"));
    CHECK(store->remove_provider_config("aws").error().code == ErrorCode::not_found);
}

TEST_CASE("autoscale configs round trip every field and list in priority order") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_pool(pool("gpu")));
    REQUIRE_OK(store->put_zone({"eu", "", ""}));
    REQUIRE_OK(store->put_provider_config(provider("vm1")));
    REQUIRE_OK(store->put_provider_config(provider("dns1", model::ProviderKind::dns)));

    model::AutoScaleConfig c = autoscale("b-cloud", "web", "vm1", 20);
    c.name = "Cloud burst";
    c.zone_id = "eu";
    c.dns_provider_id = "dns1";
    c.enabled = false;
    c.schedule_json = R"({"schedules":[],"exceptions":[],"extra_windows":[]})";
    c.aggressive = true;
    c.downscale_backoff_s = 30;
    c.require_checkin = true;
    c.checkin_timeout_s = 99;
    c.os_family = "windows";
    c.startup_script = "Write-Host {server_id}";
    c.min_available_sessions = 3;
    c.max_sessions_per_server = 5;
    c.max_users_per_server = 2;
    c.connection_type = model::ConnectionType::vnc;
    c.connection_port = 5901;
    c.reusable = false;
    c.predictive_standby = true;
    c.predictive_lookback_days = 7;
    c.standby_cores = 1.5;
    c.standby_gpus = 2;
    c.standby_memory_gib = 3.25;
    c.agent_cores_override = 8;
    c.agent_memory_gib_override = 0;
    c.agent_cores = 4;
    c.agent_gpus = 1;
    c.agent_memory_gib = 16;
    c.register_dns = true;
    c.base_domain = "agents.example.com";
    REQUIRE_OK(store->put_autoscale_config(c));

    auto back = store->get_autoscale_config("b-cloud");
    REQUIRE(back.ok());
    CHECK(model::to_json(*back) == model::to_json(c));  // every field, via the codec
    CHECK_FALSE(back->agent_gpus_override.has_value());
    CHECK(back->agent_memory_gib_override == 0.0);

    REQUIRE_OK(store->put_autoscale_config(autoscale("a-onprem", "web", "vm1", 10)));
    REQUIRE_OK(store->put_autoscale_config(autoscale("c-same", "web", "vm1", 20)));
    REQUIRE_OK(store->put_autoscale_config(autoscale("other", "gpu", "vm1", 1)));
    auto web = store->list_autoscale_configs("web");
    REQUIRE(web.ok());
    REQUIRE(web->size() == 3);
    CHECK((*web)[0].id == "a-onprem");
    CHECK((*web)[1].id == "b-cloud");
    CHECK((*web)[2].id == "c-same");
    auto all = store->list_autoscale_configs();
    REQUIRE(all.ok());
    CHECK(all->size() == 4);
    CHECK((*all)[0].id == "other");
    CHECK(back->zone_id == "eu");
    auto plain = store->get_autoscale_config("a-onprem");
    CHECK(plain->zone_id.empty());
    CHECK(plain->dns_provider_id.empty());
}

TEST_CASE("a put naming a missing object is refused with the member at fault") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    auto missing_provider = store->put_autoscale_config(autoscale("a", "web", "nope"));
    REQUIRE_FALSE(missing_provider.ok());
    CHECK(missing_provider.error().code == ErrorCode::invalid);
    CHECK(missing_provider.error().field == "/vm_provider_id");
    CHECK(missing_provider.error().message ==
          R"(autoscale config "a": "vm_provider_id": "nope" names no provider config; create )"
          R"(the provider config first)");

    REQUIRE_OK(store->put_provider_config(provider("vm1")));
    auto missing_pool = store->put_autoscale_config(autoscale("a", "ghost", "vm1"));
    REQUIRE_FALSE(missing_pool.ok());
    CHECK(missing_pool.error().field == "/pool_id");

    auto orphan = store->put_server(server("s1", "ghost"));
    REQUIRE_FALSE(orphan.ok());
    CHECK(orphan.error().field == "/pool_id");
    auto orphan_session = store->put_session(session("x", "ghost"));
    REQUIRE_FALSE(orphan_session.ok());
    CHECK(orphan_session.error().field == "/pool_id");
}

TEST_CASE("removing what others still use is a conflict naming them") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_zone({"eu", "", ""}));
    REQUIRE_OK(store->put_provider_config(provider("vm1")));
    auto a = autoscale("web-a", "web", "vm1");
    a.zone_id = "eu";
    REQUIRE_OK(store->put_autoscale_config(a));
    REQUIRE_OK(store->put_autoscale_config(autoscale("web-b", "web", "vm1")));

    auto pool_used = store->remove_pool("web");
    REQUIRE_FALSE(pool_used.ok());
    CHECK(pool_used.error().code == ErrorCode::conflict);
    CHECK(pool_used.error().message ==
          R"(pool "web" is still used by autoscale configs "web-a" and "web-b"; remove or )"
          R"(reassign them first)");

    auto zone_used = store->remove_zone("eu");
    CHECK(zone_used.error().code == ErrorCode::conflict);
    CHECK(zone_used.error().message.find(R"(autoscale configs "web-a")") != std::string::npos);

    auto provider_used = store->remove_provider_config("vm1");
    CHECK(provider_used.error().code == ErrorCode::conflict);

    REQUIRE_OK(store->put_server(server("srv-1", "web", "web-a")));
    auto config_used = store->remove_autoscale_config("web-a");
    CHECK(config_used.error().code == ErrorCode::conflict);
    CHECK(config_used.error().message.find(R"(servers "srv-1")") != std::string::npos);

    // A gone server is history: it no longer pins its config.
    REQUIRE_OK(store->put_server(server("srv-1", "web", "web-a", model::MachineState::gone)));
    REQUIRE_OK(store->remove_autoscale_config("web-a"));
    REQUIRE_OK(store->remove_autoscale_config("web-b"));
    REQUIRE_OK(store->remove_zone("eu"));
    CHECK(store->remove_autoscale_config("web-b").error().code == ErrorCode::not_found);

    // Live sessions pin the pool; finished ones and gone servers go with it.
    REQUIRE_OK(store->put_session(session("s1", "web", "", model::SessionState::queued)));
    auto sessions_live = store->remove_pool("web");
    CHECK(sessions_live.error().code == ErrorCode::conflict);
    CHECK(sessions_live.error().message.find(R"(sessions "s1")") != std::string::npos);
    REQUIRE_OK(store->put_session(session("s1", "web", "", model::SessionState::ended)));
    REQUIRE_OK(store->remove_pool("web"));
    CHECK(store->get_server("srv-1").error().code == ErrorCode::not_found);
    CHECK(store->get_session("s1").error().code == ErrorCode::not_found);
}

TEST_CASE("a long list of users is shortened") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    for (int i = 0; i < 8; ++i) {
        const std::string id = "srv-" + std::to_string(i);
        REQUIRE_OK(store->put_server(server(id.c_str(), "web")));
    }
    auto used = store->remove_pool("web");
    CHECK(used.error().message ==
          R"(pool "web" is still used by servers "srv-0", "srv-1", "srv-2", "srv-3", "srv-4" )"
          R"(and 3 more; remove or reassign them first)");
}

TEST_CASE("an unsettled journal intent pins its provider config") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_provider_config(provider("vm1")));
    model::JournalEntry e;
    e.provider_config_id = "vm1";
    e.unique_name = "tp-web-1";
    auto seq = store->journal_intent(e);
    REQUIRE(seq.ok());
    auto used = store->remove_provider_config("vm1");
    CHECK(used.error().code == ErrorCode::conflict);
    CHECK(used.error().message.find(R"("tp-web-1")") != std::string::npos);
    REQUIRE_OK(store->journal_settle(*seq, "i-123", model::from_unix(10)));
    REQUIRE_OK(store->remove_provider_config("vm1"));
}
