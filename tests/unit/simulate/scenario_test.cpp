#include "simulate/scenario.h"

#include <doctest/doctest.h>

#include "bundle.h"

using namespace tidepool::simulate;

TEST_CASE("a bundle gives the pool, its configs and the sim provider's boot model") {
    test::BundleKnobs k;
    k.boot = R"({"distribution":"uniform","min":20,"max":40})";
    auto s = scenario_from_bundle(test::bundle(k), 1);
    REQUIRE(s.ok());
    CHECK(s->pool.id == "p");
    REQUIRE(s->configs.size() == 1);
    CHECK(s->configs[0].config.id == "c");
    CHECK(s->configs[0].max_instances == 50);
    CHECK(s->configs[0].seed == 7);
    CHECK(s->configs[0].boot.kind == tidepool::sim::DistributionKind::uniform);
    CHECK(*s->configs[0].boot.max_s == 40);
}

TEST_CASE("bad bundles: the error names the JSON pointer at fault") {
    struct Case {
        std::string text;
        std::string field;
    };
    test::BundleKnobs sigma_on_fixed;
    sigma_on_fixed.boot = R"({"distribution":"fixed","mean":5,"sigma":1})";
    std::string other_plugin = test::bundle({});
    other_plugin.replace(other_plugin.find("org.tidepool.sim"), 16, "org.tidepool.aws");
    std::string bad_min = test::bundle(test::knobs(-1));
    Case cases[] = {
        {test::bundle(sigma_on_fixed), "/provider_configs/0/config/boot_seconds/sigma"},
        {other_plugin, "/provider_configs/0/plugin_id"},
        {bad_min, "/autoscale_configs/0/min_available_sessions"},
        {R"({"pools":[{"id":"p","kind":"agent"}]})", "/pools"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto s = scenario_from_bundle(c.text, 1);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().field == c.field);
        CHECK_FALSE(s.error().message.empty());
    }
}
