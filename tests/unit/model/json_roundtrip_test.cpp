#include <doctest/doctest.h>

#include "model/json_codec.h"

using namespace tidepool::model;

namespace {

rapidjson::Document doc_of(const std::string& text) {
    auto parsed = parse_json_text(text);
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

AutoScaleConfig full_autoscale_config() {
    AutoScaleConfig c;
    c.id = "web-aws";
    c.name = "Web on AWS";
    c.pool_id = "web";
    c.zone_id = "eu";
    c.vm_provider_id = "aws-eu";
    c.dns_provider_id = "r53";
    c.priority = 20;
    c.enabled = false;
    c.schedule_json =
        R"({"schedules":[{"days":["mon"],"start":"07:00","end":"18:00","timezone":"UTC"}],)"
        R"("exceptions":[],"extra_windows":[]})";
    c.aggressive = true;
    c.downscale_backoff_s = 120;
    c.require_checkin = true;
    c.checkin_timeout_s = 300;
    c.os_family = "windows";
    c.startup_script = "echo {checkin_token}";
    c.min_available_sessions = 4;
    c.max_sessions_per_server = 10;
    c.max_users_per_server = 2;
    c.connection_type = ConnectionType::ssh;
    c.connection_port = 2222;
    c.reusable = false;
    c.predictive_standby = true;
    c.predictive_lookback_days = 21;
    c.standby_cores = 1.5;
    c.standby_gpus = 1;
    c.standby_memory_gib = 8;
    c.agent_cores_override = 16;
    c.agent_memory_gib_override = 0.5;
    c.agent_cores = 8;
    c.agent_gpus = 0;
    c.agent_memory_gib = 32;
    c.register_dns = true;
    c.base_domain = "agents.example.com";
    return c;
}

void check_equal(const AutoScaleConfig& a, const AutoScaleConfig& b) {
    CHECK(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.pool_id == b.pool_id);
    CHECK(a.zone_id == b.zone_id);
    CHECK(a.vm_provider_id == b.vm_provider_id);
    CHECK(a.dns_provider_id == b.dns_provider_id);
    CHECK(a.priority == b.priority);
    CHECK(a.enabled == b.enabled);
    CHECK(a.schedule_json == b.schedule_json);
    CHECK(a.aggressive == b.aggressive);
    CHECK(a.downscale_backoff_s == b.downscale_backoff_s);
    CHECK(a.require_checkin == b.require_checkin);
    CHECK(a.checkin_timeout_s == b.checkin_timeout_s);
    CHECK(a.os_family == b.os_family);
    CHECK(a.startup_script == b.startup_script);
    CHECK(a.min_available_sessions == b.min_available_sessions);
    CHECK(a.max_sessions_per_server == b.max_sessions_per_server);
    CHECK(a.max_users_per_server == b.max_users_per_server);
    CHECK(a.connection_type == b.connection_type);
    CHECK(a.connection_port == b.connection_port);
    CHECK(a.reusable == b.reusable);
    CHECK(a.predictive_standby == b.predictive_standby);
    CHECK(a.predictive_lookback_days == b.predictive_lookback_days);
    CHECK(a.standby_cores == b.standby_cores);
    CHECK(a.standby_gpus == b.standby_gpus);
    CHECK(a.standby_memory_gib == b.standby_memory_gib);
    CHECK(a.agent_cores_override == b.agent_cores_override);
    CHECK(a.agent_gpus_override == b.agent_gpus_override);
    CHECK(a.agent_memory_gib_override == b.agent_memory_gib_override);
    CHECK(a.agent_cores == b.agent_cores);
    CHECK(a.agent_gpus == b.agent_gpus);
    CHECK(a.agent_memory_gib == b.agent_memory_gib);
    CHECK(a.register_dns == b.register_dns);
    CHECK(a.base_domain == b.base_domain);
}

}  // namespace

TEST_CASE("zone round trip") {
    Zone z{"eu-west", "Europe", "broker.example.com"};
    auto back = parse_zone(doc_of(to_json(z)), "");
    REQUIRE(back.ok());
    CHECK(back->id == z.id);
    CHECK(back->name == z.name);
    CHECK(back->upstream_auth_address == z.upstream_auth_address);
}

TEST_CASE("pool round trip and defaults") {
    Pool p{"web", "Web desktops", PoolKind::agent, PlacementStrategy::depth_first, 60};
    auto back = parse_pool(doc_of(to_json(p)), "");
    REQUIRE(back.ok());
    CHECK(back->kind == PoolKind::agent);
    CHECK(back->placement == PlacementStrategy::depth_first);
    CHECK(back->max_queue_wait_s == 60);

    auto minimal = parse_pool(doc_of(R"({"id":"p1"})"), "");
    REQUIRE(minimal.ok());
    CHECK(minimal->kind == PoolKind::server);
    CHECK(minimal->placement == PlacementStrategy::breadth_first);
    CHECK(minimal->max_queue_wait_s == 900);
}

TEST_CASE("provider config round trip keeps the plugin config and reads max_instances") {
    auto parsed = parse_provider_config(
        doc_of(R"({"id":"aws-eu","name":"AWS","kind":"vm","plugin_id":"org.tidepool.aws",)"
               R"("config":{"region":"eu-west-1","max_instances":12,"tags":{"a":"b"}}})"),
        "");
    REQUIRE(parsed.ok());
    CHECK(parsed->max_instances == 12);
    CHECK(parsed->config_json ==
          R"({"region":"eu-west-1","max_instances":12,"tags":{"a":"b"}})");
    auto back = parse_provider_config(doc_of(to_json(*parsed)), "");
    REQUIRE(back.ok());
    CHECK(back->config_json == parsed->config_json);
    CHECK(back->max_instances == 12);
    CHECK(back->kind == ProviderKind::vm);
    CHECK(back->plugin_id == "org.tidepool.aws");
}

TEST_CASE("provider config without config or max_instances") {
    auto parsed = parse_provider_config(
        doc_of(R"({"id":"r53","kind":"dns","plugin_id":"org.tidepool.aws"})"), "");
    REQUIRE(parsed.ok());
    CHECK(parsed->config_json == "{}");
    CHECK(parsed->max_instances == 0);
}

TEST_CASE("autoscale config round trip of every field") {
    const AutoScaleConfig c = full_autoscale_config();
    const std::string json = to_json(c);
    auto back = parse_autoscale_config(doc_of(json), "");
    REQUIRE_MESSAGE(back.ok(), back.error().message);
    check_equal(*back, c);
    CHECK(to_json(*back) == json);
}

TEST_CASE("autoscale config schedule members are top level and canonicalised") {
    auto parsed = parse_autoscale_config(
        doc_of(R"({"id":"a","pool_id":"p","vm_provider_id":"v",)"
               R"("extra_windows":[{"start":"2024-12-24T08:00","end":"2024-12-24T12:00"}]})"),
        "");
    REQUIRE(parsed.ok());
    CHECK(parsed->schedule_json ==
          R"({"schedules":[],"exceptions":[],)"
          R"("extra_windows":[{"start":"2024-12-24T08:00","end":"2024-12-24T12:00"}]})");

    auto none = parse_autoscale_config(
        doc_of(R"({"id":"a","pool_id":"p","vm_provider_id":"v","schedules":[]})"), "");
    REQUIRE(none.ok());
    CHECK(none->schedule_json.empty());
    const std::string json = to_json(*none);
    CHECK(json.find(R"("schedules":[],"exceptions":[],"extra_windows":[])") != std::string::npos);
}

TEST_CASE("null overrides mean none") {
    auto parsed = parse_autoscale_config(
        doc_of(R"({"id":"a","pool_id":"p","vm_provider_id":"v","agent_gpus_override":null})"),
        "");
    REQUIRE(parsed.ok());
    CHECK_FALSE(parsed->agent_gpus_override.has_value());
}

TEST_CASE("server, session and journal entry encode every field") {
    Server s;
    s.id = "srv-1";
    s.pool_id = "web";
    s.config_id = "web-aws";
    s.state = MachineState::draining;
    s.checkin_token_hash = "deadbeef";
    s.created_at = from_unix(1714564800);
    const std::string server_json = to_json(s);
    CHECK(server_json.find(R"("state":"draining")") != std::string::npos);
    CHECK(server_json.find(R"("created_at":"2024-05-01T12:00:00Z")") != std::string::npos);
    CHECK(server_json.find(R"("checkin_expires_at":null)") != std::string::npos);
    CHECK(server_json.find("deadbeef") == std::string::npos);

    Session session;
    session.id = "ses-1";
    session.user = "alice";
    session.kind = SessionKind::app;
    session.state = SessionState::placed;
    const std::string session_json = to_json(session);
    CHECK(session_json.find(R"("kind":"app","state":"placed")") != std::string::npos);
    CHECK(session_json.find(R"("user":"alice")") != std::string::npos);

    JournalEntry e;
    e.seq = 42;
    e.op = JournalOp::dns_delete;
    e.state = JournalState::failed;
    e.tags_json = R"({"tidepool:installation":"i-1"})";
    const std::string entry_json = to_json(e);
    CHECK(entry_json.find(R"("seq":42,"op":"dns_delete","state":"failed")") != std::string::npos);
    CHECK(entry_json.find(R"("tags":{"tidepool:installation":"i-1"})") != std::string::npos);
}

TEST_CASE("format_instant") {
    CHECK(format_instant(Instant{}).empty());
    CHECK(format_instant(from_unix(951782400)) == "2000-02-29T00:00:00Z");
    CHECK(format_instant(from_unix(1714564800 + 3661)) == "2024-05-01T13:01:01Z");
}
