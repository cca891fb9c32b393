// Hot reload: a replaced file loads as a new version while a call on the old version is still
// running; the old call finishes on the old code, and the old library is unloaded only after
// its last client is gone. Refused and removed files never disturb what is loaded.
#include <doctest/doctest.h>

#include <future>

#include "fixture_support.h"
#include "plugins/registry.h"

using namespace tidepool;
using namespace tidepool::plugins;
using test::TempDir;

namespace {

constexpr const char* kFixtureId = "org.tidepool.test.fixture";
constexpr const char* kFileName = "tidepool-fixture.so";

struct World {
    TempDir plugins;
    TempDir scratch;  // gate files live here, outside the scanned directory
    test::LogCapture log;
    std::unique_ptr<PluginRegistry> registry;

    World() {
        RegistryOptions options;
        options.plugin_dirs = {plugins.path()};
        options.services = test::services_with(log);
        registry = std::make_unique<PluginRegistry>(std::move(options));
    }
    std::string version() const {
        auto list = registry->list();
        return list.size() == 1 ? list[0].version : "(" + std::to_string(list.size()) + ")";
    }
};

}  // namespace

TEST_CASE("reload swaps in a replaced file while a call on the old version is in flight") {
    World w;
    test::install_fixture("good", w.plugins.path(), kFileName);
    REQUIRE(w.registry->reload().loaded.size() == 1);
    std::string gate = (w.scratch / "release").string();
    auto old_client = w.registry->open_vm(kFixtureId, R"({"gate_file": ")" + gate + R"("})");
    REQUIRE(old_client.ok());
    auto in_flight = std::async(std::launch::async, [&] { return (*old_client)->list_vms({}); });
    REQUIRE(w.log.wait_for("gate: waiting"));

    test::install_fixture("good-v2", w.plugins.path(), kFileName);
    ReloadReport report = w.registry->reload();
    REQUIRE(report.loaded.size() == 1);
    CHECK(report.loaded[0].version == "2.0.0");
    REQUIRE(report.retired.size() == 1);
    CHECK(report.retired[0].version == "1.0.0");
    CHECK(w.version() == "2.0.0");
    CHECK(w.log.contains("init 2.0.0"));
    CHECK(w.registry->retired_count() == 1);
    CHECK_FALSE(w.log.contains("deinit 1.0.0"));

    auto new_client = w.registry->open_vm(kFixtureId, "{}");
    REQUIRE(new_client.ok());
    CHECK((*new_client)->plugin().version == "2.0.0");

    std::ofstream(gate) << "go\n";
    auto result = in_flight.get();
    CHECK(result.ok());
    CHECK(w.log.contains("gate: released 1.0.0"));
    CHECK_FALSE(w.log.contains("deinit 1.0.0"));  // the old client is still open
    CHECK(w.registry->collect_retired() == 0);
    old_client->reset();
    CHECK(w.registry->collect_retired() == 1);
    CHECK(w.log.contains("deinit 1.0.0"));
    CHECK(w.registry->retired_count() == 0);
    CHECK_FALSE(w.log.contains("deinit 2.0.0"));
}

TEST_CASE("a refused new version leaves the old version serving") {
    World w;
    test::install_fixture("good", w.plugins.path(), kFileName);
    w.registry->reload();
    test::install_fixture("wrong-major", w.plugins.path(), kFileName);
    ReloadReport report = w.registry->reload();
    CHECK(report.loaded.empty());
    CHECK(report.retired.empty());
    REQUIRE(report.refused.size() == 1);
    CHECK(w.version() == "1.0.0");
    auto client = w.registry->open_vm(kFixtureId, "{}");
    REQUIRE(client.ok());
    CHECK((*client)->list_vms({}).ok());
    // Once fixed, the file loads on the next reload.
    test::install_fixture("good-v2", w.plugins.path(), kFileName);
    CHECK(w.registry->reload().loaded.size() == 1);
    CHECK(w.version() == "2.0.0");
    CHECK(w.registry->refusals().empty());
}

TEST_CASE("a removed file retires its plugin; open clients keep it until they close") {
    World w;
    auto file = test::install_fixture("good", w.plugins.path(), kFileName);
    w.registry->reload();
    auto client = w.registry->open_vm(kFixtureId, "{}");
    REQUIRE(client.ok());
    std::filesystem::remove(file);
    ReloadReport report = w.registry->reload();
    CHECK(report.retired.size() == 1);
    CHECK(w.registry->list().empty());
    CHECK(w.registry->find(kFixtureId) == nullptr);
    CHECK((*client)->list_vms({}).ok());
    CHECK_FALSE(w.log.contains("deinit"));
    client->reset();
    CHECK(w.registry->collect_retired() == 1);
    CHECK(w.log.contains("deinit 1.0.0"));
}

TEST_CASE("a file rewritten in place is refused and the running version stays") {
    World w;
    auto file = test::install_fixture("good", w.plugins.path(), kFileName);
    w.registry->reload();
    // Appending changes size and mtime but keeps the inode: what `cp new.so old.so` does.
    std::ofstream(file, std::ios::app) << '\0';
    ReloadReport report = w.registry->reload();
    REQUIRE(report.refused.size() == 1);
    CHECK(report.refused[0].find("rewritten in place") != std::string::npos);
    CHECK(w.version() == "1.0.0");
}

TEST_CASE("destroying the registry deinits plugins nobody uses") {
    test::LogCapture log;
    {
        TempDir dir;
        test::install_fixture("good", dir.path());
        RegistryOptions options;
        options.plugin_dirs = {dir.path()};
        options.services = test::services_with(log);
        PluginRegistry registry(std::move(options));
        registry.reload();
    }
    CHECK(log.contains("deinit 1.0.0"));
}
