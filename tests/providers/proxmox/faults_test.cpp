// The Proxmox plugin when things go wrong: VMIDs taken by someone else between the check and
// the clone, a full range, failing clone tasks, a failing startup script, max_instances, a
// missing template -- and the fake itself refusing requests that break the API schema.
#include <string>

#include "proxmox_world.h"

using namespace tidepool;
using namespace tidepool::test;

TEST_CASE("a VMID taken just before the clone moves the create to the next free ID") {
    ProxmoxWorld world;
    auto client = world.open();
    world.fake().fault("steal_vmid", R"("when": "before")");
    auto vm = client->create_vm(spec("tp-race-1"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->provider_id == "1001");
    auto names = vm_names(world.fake().state());
    CHECK(names[1000] == "intruder-1000");  // the other client's VM is left alone
    CHECK(names[1001] == "tp-race-1");
    check_no_rejections(world.fake());
}

TEST_CASE("a VMID taken while the clone task runs also moves to the next free ID") {
    ProxmoxWorld world;
    auto client = world.open();
    world.fake().fault("steal_vmid", R"("when": "during", "count": 2)");
    auto vm = client->create_vm(spec("tp-race-2"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->provider_id == "1002");
    check_no_rejections(world.fake());
}

TEST_CASE("when every VMID of the range is taken the create reports capacity") {
    ProxmoxWorld world;
    auto client = world.open({{"vmid_lower", "1000"}, {"vmid_upper", "1001"}});
    world.fake().fault("steal_vmid", R"("when": "before", "count": 2)");
    auto vm = client->create_vm(spec("tp-full-range"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::capacity);
    CHECK(vm.error().message.find("1000 to 1001") != std::string::npos);
    auto names = vm_names(world.fake().state());
    CHECK(names.count(1002) == 0);  // never outside the range
}

TEST_CASE("a failed clone task is reported and its leftover VM deleted") {
    ProxmoxWorld world;
    auto client = world.open();
    world.fake().fault(
        "clone_task_fails",
        R"("message": "clone failed: storage 'local-lvm' has no space left", "leave_vm": true)");
    auto vm = client->create_vm(spec("tp-nospace"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::capacity);
    CHECK(vm.error().message.find("no space left") != std::string::npos);
    CHECK(vm_names(world.fake().state()).count(1000) == 0);
    check_no_rejections(world.fake());
}

TEST_CASE("a failing startup script reports its exit code and output, and the VM is deleted") {
    ProxmoxWorld world;
    auto client = world.open();
    world.fake().fault(
        "script_fails",
        R"("exitcode": 3, "out": "step 1\nstep 2\nstep 3\n", "err": "agent install failed\n")");
    auto vm = client->create_vm(spec("tp-badscript"));
    REQUIRE_FALSE(vm.ok());
    const std::string& message = vm.error().message;
    CHECK(message.find("exited with code 3") != std::string::npos);
    CHECK(message.find("step 3 | agent install failed") != std::string::npos);
    CHECK(vm_names(world.fake().state()).count(1000) == 0);
    check_no_rejections(world.fake());
}

TEST_CASE("a guest agent that only answers after some pings is waited for") {
    ProxmoxWorld world;
    auto client = world.open();
    world.fake().fault("agent_boot_pings", R"("value": 5)");
    auto vm = client->create_vm(spec("tp-slowboot"));
    CHECK_MESSAGE(vm.ok(), vm.error().message);
}

TEST_CASE("a guest agent that never answers times out and the half-built VM is deleted") {
    ProxmoxWorld world;
    auto client = world.open({{"agent_timeout_s", "1"}});
    world.fake().fault("agent_down", R"("value": true)");
    auto vm = client->create_vm(spec("tp-noagent"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::timeout);
    CHECK(vm.error().message.find("qemu-guest-agent") != std::string::npos);
    CHECK(vm_names(world.fake().state()).count(1000) == 0);
}

TEST_CASE("a create resumes a VM an interrupted attempt left half-built") {
    ProxmoxWorld world;
    auto client = world.open();
    // The first attempt's call ends (deadline) while it waits for the agent: nothing is
    // cleaned up then, and the retry with the same name carries on from where it stopped.
    world.fake().fault("agent_down", R"("value": true)");
    plugins::CallOptions short_call;
    short_call.deadline_unix_ms = plugins::RealClock().now_unix_ms() + 1500;
    auto first = client->create_vm(spec("tp-resume"), short_call);
    REQUIRE_FALSE(first.ok());
    CHECK(first.error().code == ErrorCode::timeout);
    auto left = client->list_vms({{"tidepool-machine", "tp-resume"}});
    REQUIRE(left.ok());
    REQUIRE(left->size() == 1);
    // Nobody is finishing it: listed as FAILED, so a core that does not retry replaces it.
    CHECK((*left)[0].state == TP_VM_STATE_FAILED);
    world.fake().fault("agent_down", R"("value": false)");
    auto again = client->create_vm(spec("tp-resume"));
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(again->provider_id == (*left)[0].provider_id);
    CHECK(again->state == TP_VM_STATE_RUNNING);
    check_no_rejections(world.fake());
}

TEST_CASE("max_instances counts this config's VMs") {
    ProxmoxWorld world;
    auto client = world.open({{"max_instances", "1"}});
    REQUIRE(client->create_vm(spec("tp-max-1")).ok());
    auto second = client->create_vm(spec("tp-max-2"));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::capacity);
    CHECK(second.error().message.find("max_instances") != std::string::npos);
}

TEST_CASE("a missing template names /template_name") {
    ProxmoxWorld world;
    auto client = world.open({{"template_name", "\"no-such-template\""}});
    auto vm = client->create_vm(spec("tp-notemplate"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::invalid);
    CHECK(vm.error().message.find("no-such-template") != std::string::npos);
}

TEST_CASE("the fake refuses requests that break the API schema") {
    ProxmoxWorld world;
    FakePve& fake = world.fake();
    const std::string auth = std::string("PVEAPIToken=") + kTokenUser + "=" + kTokenSecret;
    auto unknown = fake.request("POST", "/api2/json/nodes/pve1/qemu/9000/clone",
                                "newid=1000&colour=blue", auth);
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("colour") != std::string::npos);
    auto missing = fake.request("POST", "/api2/json/nodes/pve1/qemu/9000/clone", "name=x", auth);
    CHECK(missing.status == 400);
    CHECK(missing.body.find("newid") != std::string::npos);
    auto range = fake.request("POST", "/api2/json/nodes/pve1/qemu/9000/clone", "newid=42", auth);
    CHECK(range.status == 400);
    auto enumeration = fake.request("GET", "/api2/json/cluster/resources?type=vms", "", auth);
    CHECK(enumeration.status == 400);
    auto no_token = fake.request("GET", "/api2/json/cluster/resources?type=vm");
    CHECK(no_token.status == 401);
    CHECK(fake.state()["rejections"].Size() == 4);
}
