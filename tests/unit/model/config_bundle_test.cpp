#include <doctest/doctest.h>

#include "model/config_bundle.h"

using namespace tidepool;
using namespace tidepool::model;

namespace {

const char* kBundle = R"({
  "zones": [{"id": "eu", "upstream_auth_address": "broker.example.com"}],
  "pools": [{"id": "web", "kind": "server"}, {"id": "gpu", "kind": "agent"}],
  "provider_configs": [
    {"id": "aws-eu", "kind": "vm", "plugin_id": "org.tidepool.aws",
     "config": {"region": "eu-west-1", "max_instances": 10}},
    {"id": "r53", "kind": "dns", "plugin_id": "org.tidepool.aws"}],
  "autoscale_configs": [
    {"id": "web-aws", "pool_id": "web", "zone_id": "eu", "vm_provider_id": "aws-eu",
     "min_available_sessions": 5},
    {"id": "gpu-aws", "pool_id": "gpu", "vm_provider_id": "aws-eu", "dns_provider_id": "r53",
     "register_dns": true, "base_domain": "agents.example.com"}]
})";

}  // namespace

TEST_CASE("a valid bundle parses, validates and round trips") {
    auto bundle = parse_config_bundle_text(kBundle);
    REQUIRE_MESSAGE(bundle.ok(), bundle.error().message);
    CHECK(bundle->zones.size() == 1);
    CHECK(bundle->pools.size() == 2);
    CHECK(bundle->provider_configs[0].max_instances == 10);
    CHECK(bundle->autoscale_configs[1].register_dns);
    CHECK(validate_references(*bundle).ok());

    const std::string json = to_json(*bundle);
    auto again = parse_config_bundle_text(json);
    REQUIRE(again.ok());
    CHECK(to_json(*again) == json);
}

TEST_CASE("every array is optional; unknown top-level members are refused") {
    auto empty = parse_config_bundle_text("{}");
    REQUIRE(empty.ok());
    CHECK(empty->pools.empty());

    auto bad = parse_config_bundle_text(R"({"pool":[]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "/pool");
    CHECK(bad.error().message.find("did you mean \"pools\"") != std::string::npos);
}

TEST_CASE("errors inside an item point into the bundle") {
    auto bad = parse_config_bundle_text(
        R"({"pools":[{"id":"a"}],"autoscale_configs":[{"id":"x","pool_id":"a",)"
        R"("vm_provider_id":"v"},{"id":"y","pool_id":"a","vm_provider_id":"v",)"
        R"("max_sessions_per_server":0}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "/autoscale_configs/1/max_sessions_per_server");

    auto not_array = parse_config_bundle_text(R"({"zones":{"id":"a"}})");
    REQUIRE_FALSE(not_array.ok());
    CHECK(not_array.error().field == "/zones");
}

TEST_CASE("duplicate ids in one array are refused") {
    auto bad = parse_config_bundle_text(R"({"pools":[{"id":"a"},{"id":"b"},{"id":"a"}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "/pools/2/id");
    CHECK(bad.error().message.find("/pools/0") != std::string::npos);
}

TEST_CASE("references must resolve in the bundle or among known ids") {
    auto bundle = parse_config_bundle_text(
        R"({"autoscale_configs":[{"id":"x","pool_id":"web","vm_provider_id":"v"},)"
        R"({"id":"y","pool_id":"web","zone_id":"eu","vm_provider_id":"v",)"
        R"("dns_provider_id":"d"}]})");
    REQUIRE(bundle.ok());

    auto missing = validate_references(*bundle);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "/autoscale_configs/0/pool_id");
    CHECK(missing.error().message.find(R"("pool_id": "web" names no pool)") !=
          std::string::npos);

    KnownIds known;
    known.pools = {"web"};
    known.provider_configs = {{"v", ProviderKind::vm}};
    missing = validate_references(*bundle, known);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "/autoscale_configs/1/zone_id");

    known.zones = {"eu"};
    known.provider_configs["d"] = ProviderKind::vm;
    auto wrong_kind = validate_references(*bundle, known);
    REQUIRE_FALSE(wrong_kind.ok());
    CHECK(wrong_kind.error().field == "/autoscale_configs/1/dns_provider_id");
    CHECK(wrong_kind.error().message ==
          R"("dns_provider_id": "d" is a vm provider config; use one of kind "dns")");

    known.provider_configs["d"] = ProviderKind::dns;
    CHECK(validate_references(*bundle, known).ok());
}

TEST_CASE("a bundle object replaces a known one of the same id") {
    auto bundle = parse_config_bundle_text(
        R"({"provider_configs":[{"id":"v","kind":"dns","plugin_id":"a.b"}],)"
        R"("autoscale_configs":[{"id":"x","pool_id":"web","vm_provider_id":"v"}]})");
    REQUIRE(bundle.ok());
    KnownIds known;
    known.pools = {"web"};
    known.provider_configs = {{"v", ProviderKind::vm}};
    auto result = validate_references(*bundle, known);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == "/autoscale_configs/0/vm_provider_id");
}
