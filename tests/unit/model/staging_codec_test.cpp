// StagingConfig decoding: defaults, the JSON round trip, and refusals that name the member.
#include <doctest/doctest.h>

#include "model/config_bundle.h"
#include "model/staging.h"

using namespace tidepool;
using namespace tidepool::model;

namespace {

Result<StagingConfig> parse(const char* text) {
    auto doc = parse_json_text(text);
    REQUIRE(doc.ok());
    return parse_staging_config(*doc, "/staging_configs/0");
}

}  // namespace

TEST_CASE("a staging config parses with defaults and round trips through JSON") {
    auto c = parse(R"({"id": "nb", "pool_id": "gpu", "workspace": "python-notebook",
                      "desired_count": 2, "memory_gib": 4})");
    REQUIRE_MESSAGE(c.ok(), c.error().message);
    CHECK(c->enabled);
    CHECK(c->expiry_hours == 24);
    CHECK(c->cores == 0);

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    write_json(w, *c);
    auto again = parse(buffer.GetString());
    REQUIRE(again.ok());
    CHECK(*again == *c);
}

TEST_CASE("staging config refusals point at the member") {
    struct Case {
        const char* text;
        const char* field;
        const char* says;
    };
    const Case cases[] = {
        {R"({"pool_id": "p", "workspace": "w", "cores": 1})", "/id", "missing"},
        {R"({"id": "nb", "workspace": "w", "cores": 1})", "/pool_id", "missing"},
        {R"({"id": "nb", "pool_id": "p", "cores": 1})", "/workspace", "missing"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "", "cores": 1})", "/workspace", "\"\""},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w"})", "/cores", "GPUs or memory"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w", "cores": 1, "desired_count": -1})",
         "/desired_count", "-1"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w", "cores": 1, "expiry_hours": 0})",
         "/expiry_hours", "0"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w", "gpus": -2})", "/gpus", "-2"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w", "cores": 1, "enabled": "yes"})",
         "/enabled", "yes"},
        {R"({"id": "nb", "pool_id": "p", "workspace": "w", "cores": 1, "count": 3})", "/count",
         "count"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto parsed = parse(c.text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().field == std::string("/staging_configs/0") + c.field);
        CHECK(parsed.error().message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("a bundle's staging configs must name an agent pool") {
    auto bundle = parse_config_bundle_text(R"({
        "pools": [{"id": "web", "kind": "server"}],
        "staging_configs": [{"id": "nb", "pool_id": "gpu", "workspace": "w", "cores": 1},
                            {"id": "nb2", "pool_id": "web", "workspace": "w", "cores": 1}]})");
    REQUIRE_MESSAGE(bundle.ok(), bundle.error().message);
    KnownIds known;
    known.pools = {"gpu"};
    known.agent_pools = {"gpu"};
    auto refused = validate_references(*bundle, known);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "/staging_configs/1/pool_id");
    CHECK(refused.error().message.find("server pool") != std::string::npos);

    known.pools.clear();
    known.agent_pools.clear();
    bundle->staging_configs.pop_back();
    refused = validate_references(*bundle, known);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "/staging_configs/0/pool_id");
}
