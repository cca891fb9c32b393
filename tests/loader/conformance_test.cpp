// The conformance kit against the fixtures (every broken one fails, naming its file) and
// against tidepool-local.so with a real config (the whole lifecycle passes).
#include <doctest/doctest.h>

#include <sstream>

#include "fixture_support.h"
#include "plugins/conformance.h"

using namespace tidepool::plugins;
using tidepool::test::TempDir;

namespace {

struct Outcome {
    int code;
    std::string output;
};

Outcome check(const std::filesystem::path& file, std::optional<std::string> config = {}) {
    std::ostringstream out;
    ConformanceOptions options;
    options.poll_interval_ms = 20;
    int code = check_plugin(file, config, out, options);
    return {code, out.str()};
}

}  // namespace

TEST_CASE("conformance: the good fixture passes without and with a config") {
    TempDir dir;
    auto file = tidepool::test::install_fixture("good", dir.path());
    Outcome bare = check(file);
    CAPTURE(bare.output);
    CHECK(bare.code == 0);
    CHECK(bare.output.find("ok   vm_provider schema\n") != std::string::npos);
    CHECK(bare.output.find("ok   loaded org.tidepool.test.fixture 1.0.0") != std::string::npos);
    CHECK(bare.output.find("FAIL") == std::string::npos);
    Outcome full = check(file, std::string("{}"));
    CAPTURE(full.output);
    CHECK(full.code == 0);
    for (const char* step : {"ok   config matches the schema", "ok   open", "ok   create tpconf-",
                             "ok   list by tag", "ok   get", "ok   create retry", "ok   delete\n",
                             "ok   gone", "ok   delete again", "ok   close"}) {
        CHECK(full.output.find(step) != std::string::npos);
    }
}

TEST_CASE("conformance: every broken fixture fails with a line naming the file") {
    for (const char* variant :
         {"no-entry", "null-entry", "wrong-major", "newer-minor", "short-entry", "short-vm-table",
          "no-delete", "init-fails", "bad-schema-json", "bad-schema-draft4", "no-interfaces"}) {
        CAPTURE(std::string(variant));
        TempDir dir;
        auto file = tidepool::test::install_fixture(variant, dir.path());
        Outcome outcome = check(file);
        CAPTURE(outcome.output);
        CHECK(outcome.code != 0);
        CHECK(outcome.output.find("FAIL ") != std::string::npos);
        CHECK(outcome.output.find(file.string()) != std::string::npos);
    }
}

TEST_CASE("conformance: a config that fails the schema fails the check") {
    TempDir dir;
    Outcome outcome = check(tidepool::test::install_fixture("good", dir.path()),
                            std::string(R"({"max_instances": "many"})"));
    CHECK(outcome.code != 0);
    CHECK(outcome.output.find("FAIL config matches the schema: config field /max_instances") !=
          std::string::npos);
}

TEST_CASE("conformance: tidepool-local.so passes the full lifecycle") {
    TempDir plugins, scratch;
    auto file = tidepool::test::install_plugin(
        std::filesystem::path(TIDEPOOL_PLUGIN_DIR) / "tidepool-local.so", plugins.path(),
        "tidepool-local.so");
    Outcome outcome = check(file, R"({"state_dir": ")" + (scratch / "state").string() + R"("})");
    CAPTURE(outcome.output);
    CHECK(outcome.code == 0);
    CHECK(outcome.output.find("ok   delete again") != std::string::npos);
}
