// tidepool-local.so end to end, through the real loader: instances are process groups whose
// state lives on disk, so it survives new clients and a new registry (a tidepoold restart).
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "fixture_support.h"
#include "plugins/registry.h"

using namespace tidepool;
using namespace tidepool::plugins;
using test::TempDir;

namespace {

constexpr const char* kLocalId = "org.tidepool.local";

struct LocalWorld {
    TempDir plugins;
    TempDir scratch;
    test::LogCapture log;
    std::string state_dir = (scratch / "state").string();

    LocalWorld() {
        test::install_plugin(std::filesystem::path(TIDEPOOL_PLUGIN_DIR) / "tidepool-local.so",
                             plugins.path(), "tidepool-local.so");
    }
    std::unique_ptr<PluginRegistry> registry() {
        RegistryOptions options;
        options.plugin_dirs = {plugins.path()};
        options.services = test::services_with(log);
        auto r = std::make_unique<PluginRegistry>(std::move(options));
        REQUIRE(r->reload().loaded.size() == 1);
        return r;
    }
    std::string config(int max_instances = 10) const {
        return R"({"state_dir": ")" + state_dir + R"(", "max_instances": )" +
               std::to_string(max_instances) + "}";
    }
};

// Running = a /proc entry that is not a zombie (zombies have exited; init reaps them).
bool process_running(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t paren = text.rfind(')');
    return paren != std::string::npos && text.size() > paren + 2 && text[paren + 2] != 'Z';
}

// Any non-zombie process left in the group (a zombie has exited; reaping it is init's job).
bool group_has_live_member(long pgid) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::string pid = entry.path().filename().string();
        if (pid.empty() || pid[0] < '0' || pid[0] > '9') continue;
        std::ifstream in(entry.path() / "stat");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        size_t paren = text.rfind(')');
        char state = 0;
        long ppid = 0, pgrp = 0;
        if (paren != std::string::npos &&
            std::sscanf(text.c_str() + paren + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3 &&
            pgrp == pgid && state != 'Z') {
            return true;
        }
    }
    return false;
}

long pgid_of(const LocalWorld& w, const std::string& name) {
    std::ifstream in(std::filesystem::path(w.state_dir) / name / "instance.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = text.find("\"pgid\": ");
    return at == std::string::npos ? 0 : std::stol(text.substr(at + 8));
}

VmSpec spec(const std::string& name, const std::string& pool, const std::string& script) {
    return VmSpec{name,
                  name + "-key",
                  {{"tidepool:pool", pool}, {"tidepool:instance", name}},
                  script,
                  "linux"};
}

Result<VmInfo> wait_for_state(VmClient& client, const std::string& id, int32_t state) {
    for (int i = 0; i < 1000; ++i) {
        auto vm = client.get_vm(id);
        if (!vm || vm->state == state) return vm;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return client.get_vm(id);
}

}  // namespace

TEST_CASE("local: create two, list by tag, get, delete twice; the processes are really gone") {
    LocalWorld w;
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config());
    REQUIRE_MESSAGE(client.ok(), client.error().message);
    VmClient& vms = **client;
    auto a = vms.create_vm(spec("inst-a", "blue", "sleep 300\n"));
    REQUIRE_MESSAGE(a.ok(), a.error().message);
    CHECK(a->state == TP_VM_STATE_RUNNING);
    CHECK(a->provider_id == "inst-a");
    CHECK(a->private_ip == "127.0.0.1");
    auto b = vms.create_vm(
        spec("inst-b", "green", "echo \"$TIDEPOOL_INSTANCE_NAME\" > seen-name\nsleep 300\n"));
    REQUIRE(b.ok());

    auto blue = vms.list_vms({{"tidepool:pool", "blue"}});
    REQUIRE(blue.ok());
    REQUIRE(blue->size() == 1);
    CHECK((*blue)[0].provider_id == "inst-a");
    CHECK(vms.list_vms({})->size() == 2);
    CHECK(vms.get_vm("inst-b")->tags == spec("inst-b", "green", "").tags);

    long pgid_a = pgid_of(w, "inst-a");
    REQUIRE(pgid_a > 0);
    CHECK(process_running(pgid_a));
    CHECK(vms.delete_vm("inst-a").ok());
    CHECK_FALSE(process_running(pgid_a));
    CHECK_FALSE(group_has_live_member(pgid_a));
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(w.state_dir) / "inst-a"));
    CHECK(vms.delete_vm("inst-a").ok());
    CHECK(vms.get_vm("inst-a").error().code == ErrorCode::not_found);

    std::ifstream seen(std::filesystem::path(w.state_dir) / "inst-b" / "seen-name");
    std::string seen_name;
    for (int i = 0; i < 500 && seen_name.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        seen.clear();
        seen.seekg(0);
        std::getline(seen, seen_name);
    }
    CHECK(seen_name == "inst-b");
    CHECK(vms.delete_vm("inst-b").ok());
}

TEST_CASE("local: state survives a new client and a new registry") {
    LocalWorld w;
    long pgid = 0;
    {
        auto registry = w.registry();
        auto client = registry->open_vm(kLocalId, w.config());
        REQUIRE(client.ok());
        REQUIRE((*client)->create_vm(spec("keep", "blue", "sleep 300\n")).ok());
        pgid = pgid_of(w, "keep");
    }  // client closed, plugin deinit()ed and unloaded
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config());
    REQUIRE(client.ok());
    auto vm = (*client)->get_vm("keep");
    REQUIRE(vm.ok());
    CHECK(vm->state == TP_VM_STATE_RUNNING);
    CHECK((*client)->list_vms({{"tidepool:instance", "keep"}})->size() == 1);
    CHECK((*client)->delete_vm("keep").ok());
    CHECK_FALSE(process_running(pgid));
    CHECK_FALSE(group_has_live_member(pgid));
}

TEST_CASE("local: a retried create with the same idempotency key returns the first instance") {
    LocalWorld w;
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config());
    REQUIRE(client.ok());
    VmSpec first = spec("idem", "blue", "sleep 300\n");
    auto one = (*client)->create_vm(first);
    auto two = (*client)->create_vm(first);
    REQUIRE(one.ok());
    REQUIRE(two.ok());
    CHECK(one->provider_id == two->provider_id);
    CHECK((*client)->list_vms({})->size() == 1);
    VmSpec clash = spec("idem", "blue", "sleep 300\n");
    clash.idempotency_key = "another-request";
    CHECK((*client)->create_vm(clash).error().code == ErrorCode::conflict);
    CHECK((*client)->delete_vm("idem").ok());
}

TEST_CASE("local: an instance whose script ends is GONE with its exit code") {
    LocalWorld w;
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config());
    REQUIRE(client.ok());
    REQUIRE((*client)->create_vm(spec("short", "blue", "exit 3\n")).ok());
    auto vm = wait_for_state(**client, "short", TP_VM_STATE_GONE);
    REQUIRE(vm.ok());
    CHECK(vm->state == TP_VM_STATE_GONE);
    CHECK(vm->detail.find("exited with code 3") == 0);
    CHECK((*client)->delete_vm("short").ok());
}

TEST_CASE("local: max_instances caps creates; bad configs name their field") {
    LocalWorld w;
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config(1));
    REQUIRE(client.ok());
    REQUIRE((*client)->create_vm(spec("only", "blue", "sleep 300\n")).ok());
    CHECK((*client)->create_vm(spec("extra", "blue", "sleep 300\n")).error().code ==
          ErrorCode::capacity);
    CHECK((*client)->delete_vm("only").ok());
    CHECK((*client)->create_vm(spec("bad/name", "blue", "")).error().code == ErrorCode::invalid);

    auto missing = registry->open_vm(kLocalId, "{}");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().field == "/state_dir");
    auto empty = registry->open_vm(kLocalId, R"({"state_dir": ""})");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().field == "/state_dir");
    // A relative state_dir is resolved against the working directory once, at open.
    CHECK(registry->open_vm(kLocalId, R"({"state_dir": "relative/dir"})").ok());
    CHECK(registry
              ->validate_config(kLocalId, InterfaceKind::vm,
                                R"({"state_dir": "/x", "max_instances": -1})")
              .error()
              .field == "/max_instances");
}

// tidepoold killed between spawning an instance and recording its pid left a record with pid 0
// and a live process carrying the record's token. The retried create (same idempotency key)
// must adopt that process, not start a second one; the crash harness found this double.
TEST_CASE("local: a create cut off before recording its pid is adopted on retry, not doubled") {
    LocalWorld w;
    auto registry = w.registry();
    auto client = registry->open_vm(kLocalId, w.config());
    REQUIRE(client.ok());
    VmSpec s = spec("cut", "blue", "sleep 300\n");
    REQUIRE((*client)->create_vm(s).ok());
    long pgid = pgid_of(w, "cut");
    REQUIRE(pgid > 0);
    auto file = std::filesystem::path(w.state_dir) / "cut" / "instance.json";
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    for (std::string key : {"\"pid\": ", "\"pgid\": "}) {
        auto at = text.find(key + std::to_string(pgid));
        REQUIRE(at != std::string::npos);
        text.replace(at, key.size() + std::to_string(pgid).size(), key + "0");
    }
    std::ofstream(file, std::ios::trunc) << text;
    REQUIRE(pgid_of(w, "cut") == 0);

    auto again = (*client)->create_vm(s);
    REQUIRE(again.ok());
    CHECK(again->state == TP_VM_STATE_RUNNING);
    CHECK(pgid_of(w, "cut") == pgid);  // the first process, adopted
    CHECK((*client)->list_vms({})->size() == 1);
    REQUIRE((*client)->delete_vm("cut").ok());
    for (int i = 0; i < 300 && group_has_live_member(pgid); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_FALSE(group_has_live_member(pgid));
}
