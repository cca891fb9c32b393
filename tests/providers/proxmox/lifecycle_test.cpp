// The Proxmox plugin against the fake endpoint: the whole lifecycle, a retried create, list by
// tag, delete (and delete again), Windows guests, and the TLS and token settings.
#include <algorithm>
#include <string>

#include "proxmox_world.h"

using namespace tidepool;
using namespace tidepool::test;

namespace {

const rapidjson::Value* fake_vm(const rapidjson::Document& state, int64_t vmid) {
    for (const auto& vm : state["vms"].GetArray()) {
        if (vm["vmid"].GetInt64() == vmid) return &vm;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("create clones into the range, sizes, tags, starts and runs the script") {
    ProxmoxWorld world;
    auto client = world.open();
    auto vm = client->create_vm(spec("tp-web-1", "#!/bin/bash\necho {checked}\n"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->provider_id == "1000");
    CHECK(vm->name == "tp-web-1");
    CHECK(vm->state == TP_VM_STATE_RUNNING);
    CHECK(vm->private_ip == "10.20.4.0");
    CHECK(vm->tags == spec("tp-web-1").tags);

    auto state = world.fake().state();
    const rapidjson::Value* made = fake_vm(state, 1000);
    REQUIRE(made != nullptr);
    const auto& config = (*made)["config"];
    CHECK(std::string(config["cores"].GetString()) == "4");
    CHECK(std::string(config["memory"].GetString()) == "8192");
    CHECK(std::string(config["tags"].GetString()) == "tidepool;tidepool-ready");
    CHECK(std::string((*made)["status"].GetString()) == "running");
    REQUIRE(state["files"].Size() == 1);
    CHECK(std::string(state["files"][0]["path"].GetString()) ==
          "/tmp/tidepool-startup-tp-web-1.sh");
    CHECK(std::string(state["files"][0]["content"].GetString()) == "#!/bin/bash\necho {checked}\n");
    REQUIRE(state["executed"].Size() == 1);
    CHECK(std::string(state["executed"][0]["command"][0].GetString()) == "/bin/bash");
    check_no_rejections(world.fake());
}

TEST_CASE("a retried create finds its VM by name instead of cloning again") {
    ProxmoxWorld world;
    auto client = world.open();
    auto first = client->create_vm(spec("tp-web-2"));
    REQUIRE_MESSAGE(first.ok(), first.error().message);
    auto again = client->create_vm(spec("tp-web-2"));
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(again->provider_id == first->provider_id);
    auto names = vm_names(world.fake().state());
    CHECK(std::count_if(names.begin(), names.end(),
                        [](const auto& p) { return p.second == "tp-web-2"; }) == 1);
    // The script ran once: the ready tag tells the retry there is nothing left to do.
    CHECK(world.fake().state()["executed"].Size() == 1);
}

TEST_CASE("list reports exactly the VMs carrying every filter tag; get reports one") {
    ProxmoxWorld world;
    auto client = world.open();
    auto a = client->create_vm(spec("tp-a"));
    auto b = client->create_vm(spec("tp-b"));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    auto all = client->list_vms({{"tidepool-config", "cfg-7"}});
    REQUIRE(all.ok());
    CHECK(all->size() == 2);  // not prod-db, not the templates, not the container
    auto one = client->list_vms({{"tidepool-config", "cfg-7"}, {"tidepool-machine", "tp-b"}});
    REQUIRE(one.ok());
    REQUIRE(one->size() == 1);
    CHECK((*one)[0].provider_id == b->provider_id);
    CHECK(client->list_vms({{"tidepool-config", "other"}})->empty());
    auto got = client->get_vm(a->provider_id);
    REQUIRE(got.ok());
    CHECK(got->name == "tp-a");
    CHECK(client->get_vm("1009").error().code == ErrorCode::not_found);
    CHECK(client->get_vm("9000").error().code == ErrorCode::not_found);  // a template
}

TEST_CASE("list skips a VM destroyed between the listing and the read of its config") {
    ProxmoxWorld world;
    auto client = world.open();
    REQUIRE(client->create_vm(spec("tp-stays")).ok());
    REQUIRE(client->create_vm(spec("tp-goes")).ok());
    world.fake().fault("vm_vanishes");  // the first config read finds its VM gone
    auto listed = client->list_vms({{"tidepool-config", "cfg-7"}});
    REQUIRE_MESSAGE(listed.ok(), listed.error().message);
    CHECK(listed->size() == 1);
}

TEST_CASE("delete stops and destroys; a missing VM is success; foreign VMs are refused") {
    ProxmoxWorld world;
    auto client = world.open();
    auto vm = client->create_vm(spec("tp-del"));
    REQUIRE(vm.ok());
    auto deleted = client->delete_vm(vm->provider_id);
    REQUIRE_MESSAGE(deleted.ok(), deleted.error().message);
    CHECK(vm_names(world.fake().state()).count(1000) == 0);
    CHECK(client->delete_vm(vm->provider_id).ok());
    CHECK(client->get_vm(vm->provider_id).error().code == ErrorCode::not_found);
    auto foreign = client->delete_vm("100");  // prod-db: outside the range, not tagged
    CHECK(foreign.error().code == ErrorCode::denied);
    CHECK(vm_names(world.fake().state()).count(100) == 1);
    CHECK(client->delete_vm("not-a-vmid").error().code == ErrorCode::invalid);
    check_no_rejections(world.fake());
}

TEST_CASE("windows guests run the script with PowerShell from a .ps1 file") {
    ProxmoxWorld world;
    auto client =
        world.open({{"os_type", "\"windows\""}, {"template_name", "\"windows-template\""}});
    auto vm = client->create_vm(spec("tp-win-1", "Write-Output 'hi'\r\n"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    auto state = world.fake().state();
    REQUIRE(state["executed"].Size() == 1);
    const auto& command = state["executed"][0]["command"];
    CHECK(std::string(command[0].GetString()) == "powershell.exe");
    CHECK(std::string(command[command.Size() - 1].GetString()) ==
          "C:\\Windows\\Temp\\tidepool-startup-tp-win-1.ps1");
    check_no_rejections(world.fake());
}

TEST_CASE("full clones pass storage, pool and target node; linked clones pass none") {
    ProxmoxWorld world;
    auto client = world.open({{"full_clone", "true"},
                              {"storage", "\"ceph\""},
                              {"resource_pool", "\"tidepool-pool\""},
                              {"target_node", "\"pve2\""}});
    auto vm = client->create_vm(spec("tp-full"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->detail.find("node pve2") != std::string::npos);
    CHECK(client->delete_vm(vm->provider_id).ok());
    check_no_rejections(world.fake());
}

TEST_CASE("TLS: a self-signed certificate is refused with the fix, or accepted when asked") {
    ProxmoxWorld world;
    auto strict = world.open({{"ca_file", ""}});
    auto refused = strict->list_vms({});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::invalid);
    CHECK(refused.error().message.find("/verify_ssl") != std::string::npos);
    CHECK(refused.error().message.find("/ca_file") != std::string::npos);

    auto relaxed = world.open({{"ca_file", ""}, {"verify_ssl", "false"}});
    auto listed = relaxed->list_vms({});
    CHECK_MESSAGE(listed.ok(), listed.error().message);
}

TEST_CASE("a wrong token is denied, and the secret appears in no message or log line") {
    ProxmoxWorld world;
    auto client = world.open({{"token_value", "\"wrong-secret\""}});
    auto vm = client->create_vm(spec("tp-denied"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::denied);
    CHECK(vm.error().message.find("/token_value") != std::string::npos);
    CHECK(vm.error().message.find("wrong-secret") == std::string::npos);
    auto good = world.open();
    REQUIRE(good->create_vm(spec("tp-logged")).ok());
    for (const auto& line : world.log()) CHECK(line.find(kTokenSecret) == std::string::npos);
}

TEST_CASE("config refusals reach the operator through open with the field named") {
    ProxmoxWorld world;
    auto bad = world.try_open({{"token_name", "\"tidepool@pve!autoscale\""}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("/token_name") != std::string::npos);
    auto realm = world.try_open({{"username", "\"tidepool@ldap\""}});
    REQUIRE_FALSE(realm.ok());
    CHECK(realm.error().message.find("@pam") != std::string::npos);
}
