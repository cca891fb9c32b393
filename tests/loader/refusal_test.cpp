// Each one-defect fixture is refused with one line that names the file, the reason, the entry
// symbol and both ABI versions; the good ones load.
#include <doctest/doctest.h>

#include "fixture_support.h"
#include "plugins/loader.h"

using namespace tidepool;
using namespace tidepool::plugins;
using test::TempDir;

namespace {

struct Case {
    const char* variant;
    const char* reason;      // a fragment the refusal must contain
    const char* plugin_abi;  // as printed at the end of the line
};

const Case kCases[] = {
    {"no-entry", "no tidepool_entry_v1 exported", "plugin ABI unknown"},
    {"null-entry", "tidepool_entry_v1 returned NULL", "plugin ABI unknown"},
    {"wrong-major", "built for ABI major 2; this host speaks 1", "plugin ABI 2.0"},
    {"newer-minor", "needs a host with ABI minor 7 or newer", "plugin ABI 1.0"},
    {"short-entry", "tp_plugin_entry struct_size is 56 bytes; ABI 1.0 needs at least 64",
     "plugin ABI 1.0"},
    {"short-vm-table", "tp_vm_provider struct_size is 64 bytes; ABI 1.0 needs at least 80",
     "plugin ABI 1.0"},
    {"no-delete", "required member tp_vm_provider.delete_vm is NULL", "plugin ABI 1.0"},
    {"init-fails", "init failed: fixture: this variant always fails init", "plugin ABI 1.0"},
    {"bad-schema-json", "config schema is not valid JSON", "plugin ABI 1.0"},
    {"bad-schema-draft4", "config schema is not a valid draft-04 JSON Schema", "plugin ABI 1.0"},
    {"no-interfaces", "offers no interface this host knows", "plugin ABI 1.0"},
    {"dns-no-list", "required member tp_dns_provider.list_records is NULL", "plugin ABI 1.0"},
};

Result<std::shared_ptr<LoadedPlugin>> load(const std::filesystem::path& file,
                                           test::LogCapture* log = nullptr) {
    HostServices services;
    if (log) services = test::services_with(*log);
    return PluginLoader::load(file, with_defaults(services));
}

void check_refusal_line(const std::string& message, const std::filesystem::path& file) {
    CHECK(message.find("refused plugin " + file.string() + ": ") == 0);
    CHECK(message.find("symbol tidepool_entry_v1, host ABI 1.0") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("every one-defect fixture is refused with its reason") {
    for (const Case& c : kCases) {
        std::string variant = c.variant;
        CAPTURE(variant);
        TempDir dir;
        auto file = test::install_fixture(c.variant, dir.path());
        auto plugin = load(file);
        REQUIRE_FALSE(plugin.ok());
        const std::string& message = plugin.error().message;
        CAPTURE(message);
        check_refusal_line(message, file);
        CHECK(message.find(c.reason) != std::string::npos);
        CHECK(message.find(c.plugin_abi) != std::string::npos);
    }
}

TEST_CASE("the good fixture loads and describes itself") {
    TempDir dir;
    test::LogCapture log;
    auto file = test::install_fixture("good", dir.path());
    auto plugin = load(file, &log);
    REQUIRE_MESSAGE(plugin.ok(), plugin.error().message);
    const PluginInfo& info = (*plugin)->info();
    CHECK(info.file == file);
    CHECK(info.id == "org.tidepool.test.fixture");
    CHECK(info.version == "1.0.0");
    CHECK(info.abi_major == 1);
    CHECK(info.abi_minor == 0);
    CHECK(info.description == "One-defect loader test fixture");
    CHECK(info.interfaces == std::vector<std::string>{TP_VM_PROVIDER_ID});
    CHECK(info.vm_capabilities == TP_VM_CAP_STARTUP_SCRIPT);
    CHECK(log.contains("org.tidepool.test.fixture: init 1.0.0"));
    plugin->reset();
    CHECK(log.contains("org.tidepool.test.fixture: deinit 1.0.0"));
}

TEST_CASE("a plugin built against the frozen 1.0 headers loads into this host") {
    TempDir dir;
    auto plugin = load(test::install_fixture("snapshot-1-0", dir.path()));
    CHECK_MESSAGE(plugin.ok(), (plugin.ok() ? "" : plugin.error().message));
}

TEST_CASE("a refusal after init still runs deinit; one before init does not") {
    TempDir dir;
    test::LogCapture after, before;
    CHECK_FALSE(load(test::install_fixture("short-vm-table", dir.path()), &after).ok());
    CHECK(after.contains("deinit 1.0.0"));
    CHECK_FALSE(load(test::install_fixture("init-fails", dir.path()), &before).ok());
    CHECK(before.contains("init 1.0.0"));
    CHECK_FALSE(before.contains("deinit"));
}

TEST_CASE("a world-writable plugin file is refused") {
    TempDir dir;
    auto file = test::install_fixture("good", dir.path());
    std::filesystem::permissions(file, std::filesystem::perms(0666));
    auto plugin = load(file);
    REQUIRE_FALSE(plugin.ok());
    check_refusal_line(plugin.error().message, file);
    CHECK(plugin.error().message.find("file " + file.string() +
                                      " is writable by group or others (mode 0666)") !=
          std::string::npos);
}

TEST_CASE("a plugin in a group-writable directory is refused") {
    TempDir dir;
    auto file = test::install_fixture("good", dir.path());
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0775));
    auto plugin = load(file);
    REQUIRE_FALSE(plugin.ok());
    check_refusal_line(plugin.error().message, file);
    CHECK(plugin.error().message.find("directory " + dir.path().string() +
                                      " is writable by group or others (mode 0775)") !=
          std::string::npos);
}

TEST_CASE("a file that is not a shared object is refused naming the file, not /proc") {
    TempDir dir;
    auto file = dir / "tidepool-junk.so";
    std::ofstream(file) << "not an ELF file\n";
    std::filesystem::permissions(file, std::filesystem::perms(0644));
    auto plugin = load(file);
    REQUIRE_FALSE(plugin.ok());
    check_refusal_line(plugin.error().message, file);
    CHECK(plugin.error().message.find("/proc/self/fd") == std::string::npos);
}

TEST_CASE("the loader reports each step, ending with the failing one") {
    TempDir dir;
    std::vector<std::string> steps;
    LoadOptions options;
    options.on_step = [&](std::string_view step, const Error* failure) {
        steps.push_back(std::string(failure ? "FAIL " : "ok ") + std::string(step));
    };
    auto file = test::install_fixture("no-delete", dir.path());
    CHECK_FALSE(PluginLoader::load(file, with_defaults({}), options).ok());
    CHECK(steps == std::vector<std::string>{"ok file permissions", "ok dlopen", "ok entry symbol",
                                            "ok entry struct and ABI version", "ok unique id",
                                            "ok init", "ok interfaces", "FAIL vm_provider table"});
}
