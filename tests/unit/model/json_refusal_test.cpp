// Each kind of refusal, with its exact pointer and a message naming the value and the rule.
#include <doctest/doctest.h>

#include "model/json_codec.h"

using namespace tidepool;
using namespace tidepool::model;

namespace {

template <class Parse>
Error refusal(Parse parse, const char* text, std::string_view prefix = "") {
    auto doc = parse_json_text(text);
    REQUIRE(doc.ok());
    auto result = parse(*doc, prefix);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::invalid);
    return result.error();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const auto kAutoscale = [](const rapidjson::Value& v, std::string_view p) {
    return parse_autoscale_config(v, p);
};
const auto kPool = [](const rapidjson::Value& v, std::string_view p) { return parse_pool(v, p); };
const auto kProvider = [](const rapidjson::Value& v, std::string_view p) {
    return parse_provider_config(v, p);
};
const auto kZone = [](const rapidjson::Value& v, std::string_view p) { return parse_zone(v, p); };

}  // namespace

TEST_CASE("a bad enum value names the value and the choices") {
    Error e = refusal(kProvider, R"({"id":"a","plugin_id":"x.y","kind":"vm-ish"})");
    CHECK(e.field == "/kind");
    CHECK(e.message == R"("kind": "vm-ish" is not allowed; use "vm" or "dns")");
}

TEST_CASE("the prefix is prepended to the member's pointer") {
    Error e = refusal(kAutoscale,
                      R"({"id":"a","pool_id":"p","vm_provider_id":"v",)"
                      R"("max_sessions_per_server":0})",
                      "/autoscale_configs/1");
    CHECK(e.field == "/autoscale_configs/1/max_sessions_per_server");
    CHECK(e.message ==
          R"("max_sessions_per_server": 0 is not allowed; use an integer of at least 1)");
}

TEST_CASE("missing required members") {
    Error e = refusal(kPool, R"({"name":"x"})");
    CHECK(e.field == "/id");
    CHECK(contains(e.message, R"("id" is missing; it is required)"));

    e = refusal(kAutoscale, R"({"id":"a","vm_provider_id":"v"})");
    CHECK(e.field == "/pool_id");
    e = refusal(kAutoscale, R"({"id":"a","pool_id":"p"})");
    CHECK(e.field == "/vm_provider_id");
    e = refusal(kProvider, R"({"id":"a"})");
    CHECK(e.field == "/plugin_id");
}

TEST_CASE("ids must match the id rule") {
    for (const char* bad : {R"("Web Pool")", R"("-web")", R"("")", R"(12)",
                            R"("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)"
                            R"(aaaaaaaaaaaaaaaaaaaaaaaa")"}) {
        const std::string text = std::string(R"({"id":)") + bad + "}";
        Error e = refusal(kZone, text.c_str());
        CHECK(e.field == "/id");
        CHECK(contains(e.message, "is not allowed; use an id of 1 to 63 characters"));
    }
    auto ok = parse_json_text(R"({"id":"a.b_c-9"})");
    CHECK(parse_zone(*ok).ok());
    Error e = refusal(kAutoscale, R"({"id":"a","pool_id":"P","vm_provider_id":"v"})");
    CHECK(e.field == "/pool_id");
    CHECK(contains(e.message, R"("pool_id": "P" is not allowed)"));
}

TEST_CASE("wrong types") {
    Error e = refusal(kAutoscale,
                      R"({"id":"a","pool_id":"p","vm_provider_id":"v","priority":"high"})");
    CHECK(e.field == "/priority");
    CHECK(e.message == R"("priority": "high" is not allowed; use an integer of at least 0)");
    e = refusal(kAutoscale, R"({"id":"a","pool_id":"p","vm_provider_id":"v","enabled":1})");
    CHECK(e.field == "/enabled");
    CHECK(e.message == R"("enabled": 1 is not allowed; use true or false)");
    e = refusal(kAutoscale, R"({"id":"a","pool_id":"p","vm_provider_id":"v","priority":2.5})");
    CHECK(e.field == "/priority");
    e = refusal(kAutoscale, R"({"id":"a","pool_id":"p","vm_provider_id":"v","schedules":{}})");
    CHECK(e.field == "/schedules");
    CHECK(e.message == R"("schedules": {} is not allowed; use an array)");
    e = refusal(kZone, R"({"id":"a","name":["x"]})");
    CHECK(e.field == "/name");
}

TEST_CASE("ranges") {
    const char* base = R"({"id":"a","pool_id":"p","vm_provider_id":"v",)";
    auto check = [&](const char* member, const char* value, const char* use) {
        const std::string text = std::string(base) + "\"" + member + "\":" + value + "}";
        Error e = refusal(kAutoscale, text.c_str(), "/autoscale_configs/3");
        CHECK(e.field == std::string("/autoscale_configs/3/") + member);
        CHECK(e.message ==
              std::string("\"") + member + "\": " + value + " is not allowed; use " + use);
    };
    check("min_available_sessions", "-1", "an integer of at least 0");
    check("max_users_per_server", "0", "an integer of at least 1");
    check("connection_port", "65536", "an integer from 0 to 65535");
    check("connection_port", "-1", "an integer from 0 to 65535");
    check("downscale_backoff_s", "-5", "an integer of at least 0");
    check("checkin_timeout_s", "0", "an integer of at least 1");
    check("standby_cores", "-0.5", "a number of at least 0");
    check("agent_cores_override", "-1", "a number of at least 0, or null for none");
    check("priority", "3000000000", "an integer of at least 0");
    check("os_family", R"("macos")", R"("linux" or "windows")");
    check("connection_type", R"("RDP")", R"("kasmvnc", "rdp", "vnc" or "ssh")");
    check("predictive_lookback_days", "0", "an integer from 1 to 90");
    check("predictive_lookback_days", "91", "an integer from 1 to 90");

    Error e = refusal(kPool, R"({"id":"a","max_queue_wait_s":-1})", "/pools/0");
    CHECK(e.field == "/pools/0/max_queue_wait_s");
}

TEST_CASE("unknown members are refused, with a suggestion when close") {
    Error e = refusal(kAutoscale,
                      R"({"id":"a","pool_id":"p","vm_provider_id":"v","max_session_per_server":2})",
                      "/autoscale_configs/0");
    CHECK(e.field == "/autoscale_configs/0/max_session_per_server");
    CHECK(e.message == R"("max_session_per_server" is not a member of an autoscale config; )"
                       R"(did you mean "max_sessions_per_server"?)");

    e = refusal(kZone, R"({"id":"a","colour":"blue"})");
    CHECK(e.field == "/colour");
    CHECK(e.message == R"("colour" is not a member of a zone; allowed members are id, name, )"
                       R"(upstream_auth_address)");

    // Reported before the "missing" error it explains.
    e = refusal(kAutoscale, R"({"id":"a","pool":"p","vm_provider_id":"v"})");
    CHECK(e.field == "/pool");

    // Pointer tokens are escaped (RFC 6901).
    e = refusal(kZone, R"({"id":"a","x/y~z":1})");
    CHECK(e.field == "/x~1y~0z");
}

TEST_CASE("not an object") {
    Error e = refusal(kPool, R"([1,2])", "/pools/4");
    CHECK(e.field == "/pools/4");
    CHECK(e.message == "expected a pool as a JSON object, got an array");
}

TEST_CASE("secret-bearing members are named by pointer only") {
    Error e = refusal(kProvider, R"({"id":"a","plugin_id":"x.y","config":"hunter2-secret"})");
    CHECK(e.field == "/config");
    CHECK_FALSE(contains(e.message, "hunter2"));
    CHECK(contains(e.message, "value hidden"));

    e = refusal(kProvider,
                R"({"id":"a","plugin_id":"x.y","config":{"max_instances":"key-hunter2"}})",
                "/provider_configs/2");
    CHECK(e.field == "/provider_configs/2/config/max_instances");
    CHECK_FALSE(contains(e.message, "hunter2"));

    e = refusal(kProvider, R"({"id":"a","plugin_id":"x.y","config":{"max_instances":-3}})");
    CHECK(e.field == "/config/max_instances");
    CHECK(e.message == R"("max_instances": -3 is not allowed; use an integer of at least 0)");

    e = refusal(kAutoscale,
                R"({"id":"a","pool_id":"p","vm_provider_id":"v","startup_script":["pw=hunter2"]})");
    CHECK(e.field == "/startup_script");
    CHECK_FALSE(contains(e.message, "hunter2"));
}

TEST_CASE("cross-member rules") {
    Error e = refusal(kAutoscale,
                      R"({"id":"a","pool_id":"p","vm_provider_id":"v","register_dns":true,)"
                      R"("dns_provider_id":"d"})");
    CHECK(e.field == "/base_domain");
    e = refusal(kAutoscale,
                R"({"id":"a","pool_id":"p","vm_provider_id":"v","register_dns":true,)"
                R"("base_domain":"agents.example.com"})");
    CHECK(e.field == "/dns_provider_id");
    e = refusal(kAutoscale,
                R"({"id":"a","pool_id":"p","vm_provider_id":"v","base_domain":"bad domain"})");
    CHECK(e.field == "/base_domain");
    e = refusal(kProvider, R"({"id":"a","plugin_id":"nodots"})");
    CHECK(e.field == "/plugin_id");
    CHECK(contains(e.message, R"("plugin_id": "nodots" is not allowed)"));
}

TEST_CASE("syntax errors name the offset") {
    auto doc = parse_json_text(R"({"id": )");
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().code == ErrorCode::invalid);
    CHECK(contains(doc.error().message, "not valid JSON at byte"));
}
