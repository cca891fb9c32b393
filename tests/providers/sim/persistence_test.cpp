// The state file: VMs survive a new registry and a new copy of the plugin (a tidepoold restart
// or SIGKILL), two loaded copies sharing one file see each other's VMs (a hot reload, or two
// daemons), and damaged or mismatched files are refused at open, naming the file.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "sim_world.h"

using namespace tidepool;
using namespace tidepool::plugins;
using namespace tidepool::test;

namespace {

std::string config_for(const fs::path& state_file, const std::string& cloud = "durable") {
    return R"({"cloud": ")" + cloud + R"(", "state_file": ")" + state_file.string() +
           R"(", "boot_seconds": {"mean": 30}, "delete_seconds": {"mean": 5}})";
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("sim: VMs in a state_file survive a new registry and plugin copy (a restart)") {
    ScratchDir scratch;
    fs::path state = scratch / "cloud.json";
    std::string a_id, b_id;
    {
        SimWorld before;
        auto client = before.open(config_for(state));
        a_id = client->create_vm(spec("keep", {{"pool", "blue"}}))->provider_id;
        b_id = client->create_vm(spec("drop", {{"pool", "blue"}}))->provider_id;
        before.advance(1000);
        REQUIRE(client->delete_vm(b_id).ok());
    }  // the registry and its copy of the plugin are gone, as after SIGKILL
    SimWorld after(kStartMs + 3000);
    auto client = after.open(config_for(state));
    auto listed = client->list_vms({{"pool", "blue"}});
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    auto keep = client->get_vm(a_id);
    REQUIRE(keep.ok());
    CHECK(keep->name == "keep");
    CHECK(keep->state == TP_VM_STATE_PENDING);
    CHECK(keep->created_unix_ms == kStartMs);
    CHECK(keep->tags == Tags{{"pool", "blue"}});
    CHECK(client->get_vm(b_id)->state == TP_VM_STATE_DELETING);
    after.advance(27000);
    CHECK(client->get_vm(a_id)->state == TP_VM_STATE_RUNNING);  // the boot time carried over
    CHECK(client->get_vm(b_id)->state == TP_VM_STATE_GONE);
    // Idempotency keys and numbering carry over too: no second VM, no reused id.
    CHECK(client->create_vm(spec("keep", {{"pool", "blue"}}))->provider_id == a_id);
    CHECK(client->create_vm(spec("new"))->provider_id == "sim-durable-3");
}

TEST_CASE("sim: two loaded copies sharing a state_file see each other's VMs") {
    ScratchDir scratch;
    fs::path state = scratch / "shared.json";
    SimWorld one, two;  // e.g. the old and new version during a hot reload
    auto a = one.open(config_for(state));
    auto b = two.open(config_for(state));
    auto first = a->create_vm(spec("from-one"));
    REQUIRE(first.ok());
    CHECK(b->get_vm(first->provider_id)->name == "from-one");
    auto second = b->create_vm(spec("from-two"));
    REQUIRE(second.ok());
    CHECK(second->provider_id != first->provider_id);
    CHECK(a->list_vms({})->size() == 2);
    CHECK(b->create_vm(spec("from-one"))->provider_id == first->provider_id);
    REQUIRE(a->delete_vm(second->provider_id).ok());
    CHECK(b->get_vm(second->provider_id)->state == TP_VM_STATE_DELETING);
}

TEST_CASE("sim: concurrent writers in two plugin copies lose none of each other's VMs") {
    ScratchDir scratch;
    fs::path state = scratch / "busy.json";
    SimWorld one, two;
    std::vector<std::unique_ptr<VmClient>> clients;
    for (SimWorld* w : {&one, &one, &two, &two}) clients.push_back(w->open(config_for(state)));
    constexpr int kEach = 15;
    std::vector<std::thread> threads;
    for (size_t t = 0; t < clients.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto vm = clients[t]->create_vm(spec(std::to_string(t) + "-" + std::to_string(i)));
                CHECK_MESSAGE(vm.ok(), vm.error().message);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    auto ids = listed_ids(*clients[0]);
    CHECK(ids.size() == clients.size() * kEach);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    CHECK(listed_ids(*clients[3]) == ids);
}

TEST_CASE("sim: the state file is replaced whole and reads back as JSON") {
    ScratchDir scratch;
    fs::path state = scratch / "cloud.json";
    SimWorld w;
    auto client = w.open(config_for(state));
    CHECK_FALSE(fs::exists(state));  // open creates nothing
    for (int i = 0; i < 5; ++i) REQUIRE(client->create_vm(spec("v" + std::to_string(i))).ok());
    std::string text = slurp(state);
    CHECK(text.find("\"format\": \"tidepool-sim-state/1\"") != std::string::npos);
    CHECK(text.find("echo hello from v4") != std::string::npos);  // the rendered script is kept
    std::set<std::string> left;
    for (const auto& entry : fs::directory_iterator(scratch.path()))
        left.insert(entry.path().filename().string());
    CHECK(left == std::set<std::string>{"cloud.json", "cloud.json.lock"});  // no temp files
}

TEST_CASE("sim: a damaged or foreign state_file is refused at open, naming the file") {
    ScratchDir scratch;
    fs::path state = scratch / "cloud.json";
    SimWorld w;
    auto open_error = [&](const std::string& config) {
        auto client = w.registry().open_vm(kSimId, config);
        REQUIRE_FALSE(client.ok());
        CHECK(client.error().field == "/state_file");
        return client.error().message;
    };
    SUBCASE("not JSON") {
        std::ofstream(state) << "{ half a file";
        std::string message = open_error(config_for(state));
        CHECK(message.find(state.string()) != std::string::npos);
        CHECK(message.find("not JSON") != std::string::npos);
    }
    SUBCASE("a VM record missing a member") {
        std::ofstream(state) << R"({"format": "tidepool-sim-state/1", "cloud": "durable",
                                    "next_number": 2, "vms": [{"number": 1}]})";
        CHECK(open_error(config_for(state)).find("/vms/0/id is missing") != std::string::npos);
    }
    SUBCASE("another cloud's file") {
        REQUIRE(w.open(config_for(state, "first"))->create_vm(spec("x")).ok());
        CHECK(open_error(config_for(state, "second")).find("holds cloud \"first\"") !=
              std::string::npos);
    }
    SUBCASE("one cloud, two files") {
        auto client = w.open(config_for(state));
        CHECK(open_error(config_for(scratch / "other.json")).find("must name the same file") !=
              std::string::npos);
        CHECK(open_error(R"({"cloud": "durable"})").find("already open with") != std::string::npos);
    }
    SUBCASE("a directory that does not exist") {
        CHECK(open_error(config_for(scratch / "missing" / "cloud.json")).find("does not exist") !=
              std::string::npos);
    }
}
