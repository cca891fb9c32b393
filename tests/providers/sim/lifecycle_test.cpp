// tidepool-sim.so through the real registry on a virtual clock: boot and delete timing, ids and
// addresses, idempotent creates, tag filters, shared clouds, seeded replay, config errors, and
// the conformance kit's live contract.
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "plugins/conformance.h"
#include "sim_world.h"

using namespace tidepool;
using namespace tidepool::plugins;
using namespace tidepool::test;

TEST_CASE("sim: loads through the registry as org.tidepool.sim with its capabilities") {
    SimWorld w;
    auto plugins = w.registry().list();
    REQUIRE(plugins.size() == 1);
    CHECK(plugins[0].id == kSimId);
    auto client = w.open("{}");
    CHECK(client->capabilities() == (TP_VM_CAP_IDEMPOTENT_CREATE | TP_VM_CAP_STARTUP_SCRIPT));
}

TEST_CASE("sim: a VM is PENDING until its boot time has passed, then RUNNING") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "boot", "boot_seconds": {"mean": 10}})");
    auto vm = client->create_vm(spec("boot-a", {{"pool", "blue"}, {"tidepool:instance", "a"}}));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->state == TP_VM_STATE_PENDING);
    CHECK(vm->provider_id == "sim-boot-1");
    CHECK(vm->name == "boot-a");
    CHECK(vm->private_ip == "10.0.0.1");
    CHECK(vm->hostname == "ip-10-0-0-1.sim.internal");
    CHECK(vm->created_unix_ms == kStartMs);
    CHECK(vm->tags == Tags{{"pool", "blue"}, {"tidepool:instance", "a"}});
    w.advance(9999);
    CHECK(client->get_vm(vm->provider_id)->state == TP_VM_STATE_PENDING);
    w.advance(1);
    CHECK(client->get_vm(vm->provider_id)->state == TP_VM_STATE_RUNNING);
    auto second = client->create_vm(spec("boot-b"));
    CHECK(second->provider_id == "sim-boot-2");
    CHECK(second->private_ip == "10.0.0.2");
}

TEST_CASE("sim: a retried create with the same idempotency key returns the same VM") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "idem"})");
    VmSpec s = spec("idem-a");
    auto first = client->create_vm(s);
    REQUIRE(first.ok());
    w.advance(40000);
    auto again = client->create_vm(s);
    REQUIRE(again.ok());
    CHECK(again->provider_id == first->provider_id);
    CHECK(again->state == TP_VM_STATE_RUNNING);  // the same VM, booted meanwhile
    CHECK(client->list_vms({})->size() == 1);

    SUBCASE("the key of another name is a conflict") {
        VmSpec other = spec("idem-b");
        other.idempotency_key = s.idempotency_key;
        auto clash = client->create_vm(other);
        REQUIRE_FALSE(clash.ok());
        CHECK(clash.error().code == ErrorCode::conflict);
    }
    SUBCASE("a new key or no key makes a new VM") {
        VmSpec fresh = spec("idem-c");
        fresh.idempotency_key.clear();
        CHECK(client->create_vm(fresh)->provider_id == "sim-idem-2");
        CHECK(client->create_vm(fresh)->provider_id == "sim-idem-3");
    }
}

TEST_CASE("sim: list_vms reports the VMs carrying every tag of the filter") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "tags"})");
    REQUIRE(client->create_vm(spec("a", {{"pool", "blue"}, {"zone", "1"}})).ok());
    REQUIRE(client->create_vm(spec("b", {{"pool", "blue"}, {"zone", "2"}})).ok());
    REQUIRE(client->create_vm(spec("c", {{"pool", "green"}, {"zone", "1"}})).ok());
    CHECK(listed_ids(*client).size() == 3);
    CHECK(listed_ids(*client, {{"pool", "blue"}}) ==
          std::vector<std::string>{"sim-tags-1", "sim-tags-2"});
    CHECK(listed_ids(*client, {{"zone", "1"}, {"pool", "blue"}}) ==
          std::vector<std::string>{"sim-tags-1"});
    CHECK(client->list_vms({{"pool", "red"}})->empty());
    CHECK(client->list_vms({{"pool", "blue"}, {"zone", "3"}})->empty());
}

TEST_CASE("sim: delete moves a VM through DELETING to GONE, then the cloud forgets it") {
    SimWorld w;
    auto client = w.open(
        R"({"cloud": "del", "boot_seconds": {"mean": 0}, "delete_seconds": {"mean": 5},
            "gone_visible_seconds": 60})");
    auto vm = client->create_vm(spec("del-a"));
    REQUIRE(vm.ok());
    CHECK(vm->state == TP_VM_STATE_RUNNING);  // a zero boot time is running at once
    REQUIRE(client->delete_vm(vm->provider_id).ok());
    CHECK(client->get_vm(vm->provider_id)->state == TP_VM_STATE_DELETING);
    w.advance(2000);
    CHECK(client->delete_vm(vm->provider_id).ok());  // again while deleting: same deadline
    w.advance(2999);
    CHECK(client->get_vm(vm->provider_id)->state == TP_VM_STATE_DELETING);
    w.advance(1);
    CHECK(client->get_vm(vm->provider_id)->state == TP_VM_STATE_GONE);
    auto listed = client->list_vms({});
    REQUIRE(listed->size() == 1);
    CHECK((*listed)[0].state == TP_VM_STATE_GONE);
    CHECK(client->delete_vm(vm->provider_id).ok());  // deleting a GONE VM succeeds

    w.advance(60000);
    auto forgotten = client->get_vm(vm->provider_id);
    REQUIRE_FALSE(forgotten.ok());
    CHECK(forgotten.error().code == ErrorCode::not_found);
    CHECK(client->list_vms({})->empty());
    CHECK(client->delete_vm(vm->provider_id).ok());
    CHECK(client->delete_vm("sim-del-999").ok());  // never existed: still success
    CHECK(client->delete_vm("i-0abc").ok());       // not even one of ours
    CHECK(client->get_vm("sim-del-999").error().code == ErrorCode::not_found);
}

TEST_CASE("sim: clients naming one cloud share its VMs; other clouds see none of them") {
    SimWorld w;
    auto first = w.open(R"({"cloud": "shared", "seed": 1})");
    auto second = w.open(R"({"cloud": "shared", "seed": 2})");
    auto elsewhere = w.open(R"({"cloud": "other"})");
    auto vm = first->create_vm(spec("shared-a"));
    REQUIRE(vm.ok());
    CHECK(second->get_vm(vm->provider_id)->name == "shared-a");
    CHECK(second->create_vm(spec("shared-a"))->provider_id == vm->provider_id);  // same key
    CHECK(elsewhere->list_vms({})->empty());
    CHECK(elsewhere->get_vm(vm->provider_id).error().code == ErrorCode::not_found);
    first.reset();  // closing a client deletes nothing
    CHECK(w.open(R"({"cloud": "shared"})")->list_vms({})->size() == 1);
}

namespace {

// What a seeded client does: the detail (boot countdown) of each new VM, then which of a run
// of calls failed under a 50% server error rate.
std::vector<std::string> seeded_run(SimWorld& w, const std::string& cloud, int seed) {
    auto client = w.open(R"({"cloud": ")" + cloud + R"(", "seed": )" + std::to_string(seed) +
                         R"(, "boot_seconds": {"distribution": "lognormal", "mean": 60,
                             "sigma": 0.8}})");
    std::vector<std::string> trace;
    for (int i = 0; i < 8; ++i) {
        std::string detail = client->create_vm(spec(std::to_string(i)))->detail;
        trace.push_back(detail.substr(0, detail.find(" (sim cloud")));  // names the cloud
    }
    auto flaky = w.open(R"({"cloud": ")" + cloud + R"(-flaky", "seed": )" + std::to_string(seed) +
                        R"(, "errors": {"server_error_rate": 0.5}})");
    std::string failures;
    for (int i = 0; i < 32; ++i) failures += flaky->list_vms({}).ok() ? '.' : 'x';
    trace.push_back(failures);
    return trace;
}

}  // namespace

TEST_CASE("sim: the same seed replays the same durations and the same injected failures") {
    SimWorld w;
    auto a = seeded_run(w, "seed-a", 42);
    auto b = seeded_run(w, "seed-b", 42);
    auto c = seeded_run(w, "seed-c", 43);
    CAPTURE(a.back());
    CHECK(a == b);
    CHECK(a != c);
    CHECK(std::set<std::string>(a.begin(), a.end() - 1).size() > 1);  // durations do vary
    CHECK(a.back().find('x') != std::string::npos);
    CHECK(a.back().find('.') != std::string::npos);
}

TEST_CASE("sim: uniform boot times stay within min and max") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "uniform", "seed": 7,
        "boot_seconds": {"distribution": "uniform", "min": 10, "max": 20}})");
    std::vector<std::string> ids;
    for (int i = 0; i < 20; ++i)
        ids.push_back(client->create_vm(spec(std::to_string(i)))->provider_id);
    auto running = [&] {
        int n = 0;
        auto vms = client->list_vms({});
        REQUIRE(vms.ok());
        for (const auto& vm : *vms) n += vm.state == TP_VM_STATE_RUNNING;
        return n;
    };
    w.advance(9999);
    CHECK(running() == 0);
    w.advance(5001);
    CHECK(running() > 0);
    CHECK(running() < 20);
    w.advance(5000);
    CHECK(running() == 20);
}

TEST_CASE("sim: config mistakes are refused, naming the field") {
    SimWorld w;
    auto error_of = [&](const std::string& config) {
        auto client = w.registry().open_vm(kSimId, config);
        REQUIRE_FALSE(client.ok());
        CHECK(client.error().code == ErrorCode::invalid);
        return client.error();
    };
    CHECK(error_of(R"({"clouds": "x"})").message.find("clouds") != std::string::npos);
    CHECK(error_of(R"({"errors": {"throttle_rate": 1.5}})").field == "/errors/throttle_rate");
    CHECK(error_of(R"({"max_instances": -1})").field == "/max_instances");
    CHECK(error_of(R"({"boot_seconds": {"distribution": "uniform", "min": 1}})").field ==
          "/boot_seconds/max");
    CHECK(error_of(R"({"boot_seconds": {"distribution": "uniform", "min": 9, "max": 1}})").field ==
          "/boot_seconds/max");
    CHECK(error_of(R"({"delete_seconds": {"mean": 1, "sigma": 2}})").field ==
          "/delete_seconds/sigma");
    CHECK(error_of(R"({"cloud": "no spaces"})").field == "/cloud");
    CHECK(error_of(R"({"throttle": {"create_refill_per_s": 0}})").field ==
          "/throttle/create_refill_per_s");
}

TEST_CASE("sim: the conformance kit's live lifecycle passes") {
    ScratchDir dir;
    fs::path file = install_sim(dir.path());
    ConformanceOptions options;
    options.services.clock = std::make_shared<VirtualClock>(kStartMs);
    for (const char* config : {R"({"cloud": "conformance"})",
                               R"({"cloud": "conformance-slow", "seed": 3,
                                   "delete_seconds": {"distribution": "lognormal", "mean": 4,
                                                      "max": 9}})"}) {
        std::ostringstream out;
        int code = check_plugin(file, std::string(config), out, options);
        CAPTURE(out.str());
        CHECK(code == 0);
        CHECK(out.str().find("ok   gone") != std::string::npos);
        CHECK(out.str().find("FAIL") == std::string::npos);
    }
}
