// The example plugin template, built out of tree against the installed plugin API by the
// loader.template.build test, loads through the real loader and passes the conformance kit.
#include <doctest/doctest.h>

#include <sstream>

#include "fixture_support.h"
#include "plugins/conformance.h"

using namespace tidepool::plugins;

TEST_CASE("the out-of-tree template plugin passes the conformance kit") {
    tidepool::test::TempDir dir;
    auto file = tidepool::test::install_plugin(TIDEPOOL_TEMPLATE_PLUGIN, dir.path(),
                                               "tidepool-template.so");
    std::ostringstream bare, full;
    CHECK(check_plugin(file, std::nullopt, bare) == 0);
    CAPTURE(bare.str());
    CHECK(bare.str().find("ok   loaded org.example.template 0.1.0") != std::string::npos);
    ConformanceOptions options;
    options.poll_interval_ms = 10;
    CHECK(check_plugin(file, std::string(R"({"max_instances": 5})"), full, options) == 0);
    CAPTURE(full.str());
    CHECK(full.str().find("FAIL") == std::string::npos);
    CHECK(full.str().find("ok   delete again") != std::string::npos);
}
