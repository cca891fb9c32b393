// tidepool-vsphere.so against VMware's own simulator (vcsim from govmomi 0.24.2, built by
// scripts/vcsim): clone, resize, power on, list by tag, destroy, and the error paths vcsim can
// produce (bad login, missing template and placement names).
#include <algorithm>
#include <random>

#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "inventory.h"
#include "placement.h"
#include "vim_requests.h"
#include "plugins/host_services.h"
#include "soap_session.h"
#include "vsphere_world.h"

namespace tidepool::test {
namespace {

// sdk::host() backed by the core's host services (libcurl) for as long as it lives.
class HostScope {
public:
    HostScope() { sdk::host() = sdk::HostServices(host_.get()); }
    ~HostScope() { sdk::host() = sdk::HostServices(); }

private:
    plugins::PluginHost host_{plugins::with_defaults({}), "test"};
};

// vim_proxy.py in front of vcsim: validates every envelope against the vim25 XSDs.
class VimProxy {
public:
    explicit VimProxy(int upstream_port)
        : server_({TIDEPOOL_PYTHON3,
                   std::string(TIDEPOOL_SOURCE_DIR) + "/tests/providers/vsphere/vim_proxy.py",
                   TIDEPOOL_VIM_VALIDATE,
                   std::string(TIDEPOOL_SHARED_DIR) + "/specs/vsphere/vim25-wsdl",
                   "127.0.0.1:" + std::to_string(upstream_port)}) {
        REQUIRE_MESSAGE(server_.first_line().rfind("PORT ", 0) == 0, server_.first_line());
        port_ = std::stoi(server_.first_line().substr(5));
    }
    int port() const { return port_; }

    // Every request seen so far was valid; returns how many there were.
    int64_t require_all_valid() const {
        HostScope scope;
        sdk::HttpRequest req;
        req.url = "https://127.0.0.1:" + std::to_string(port_) + "/proxy/state";
        req.verify_tls = false;
        rapidjson::Document state;
        state.Parse(sdk::host().http(req).body.c_str());
        REQUIRE(state.IsObject());
        std::string problems;
        for (const auto& p : state["invalid"].GetArray()) problems += p.GetString() + std::string("\n");
        CHECK_MESSAGE(problems.empty(), problems);
        return state["requests"].GetInt64();
    }

private:
    ChildServer server_;
    int port_ = 0;
};

// vcsim on a free loopback port with credentials of our choosing.
class Vcsim {
public:
    Vcsim()
        : password_("pw-" + std::to_string(std::random_device{}())),
          server_({TIDEPOOL_VCSIM, "-l", "127.0.0.1:0", "-username", "tidepool", "-password",
                   password_}) {
        // First line: "export GOVC_URL=https://user:pass@127.0.0.1:PORT/sdk GOVC_SIM_PID=..."
        const std::string& line = server_.first_line();
        size_t at = line.find("@127.0.0.1:");
        REQUIRE_MESSAGE(at != std::string::npos, "unexpected vcsim banner: " << line);
        port_ = std::stoi(line.substr(at + 11));
    }

    std::string config(const std::string& extra = {},
                       const std::string& template_name = "DC0_C0_RP0_VM0") const {
        return R"({"vcenter":"127.0.0.1","port":)" + std::to_string(port_) +
               R"(,"username":"tidepool","password":")" + password_ + R"(","template":")" +
               template_name + R"(","verify_tls":false,"cpus":2,"memory_gib":3)" + extra + "}";
    }

    // Runs fn(Inventory&) on a session of the plugin's own SOAP code, in this process on the
    // core's host services: the test's independent view of vcsim.
    template <class Fn>
    auto with_inventory(Fn fn) const {
        HostScope scope;
        auto config = vsphere::VsphereConfig::parse(this->config());
        vsphere::SoapSession session(config);
        vsphere::Inventory inventory(session);
        return fn(inventory, config);
    }

    // The VM's CPUs and memory (MiB) as vcsim reports them.
    std::pair<int64_t, int64_t> cpus_and_memory_mib(const std::string& vm_id) const {
        return with_inventory([&](vsphere::Inventory& inv, const vsphere::VsphereConfig&) {
            auto props = inv.properties(sdk::Call(), {"VirtualMachine", vm_id},
                                        {"config.hardware.numCPU", "config.hardware.memoryMB"});
            return std::pair<int64_t, int64_t>{std::stoll(props.text("config.hardware.numCPU")),
                                               std::stoll(props.text("config.hardware.memoryMB"))};
        });
    }

    int port() const { return port_; }

private:
    std::string password_;
    ChildServer server_;
    int port_ = 0;
};

TEST_CASE("vcsim: clone, resize, power on, list by tag, destroy") {
    Vcsim vcsim;
    VimProxy proxy(vcsim.port());  // every request below is also checked against the XSDs
    PluginWorld world;
    std::string config = vcsim.config(R"(,"datacenter":"DC0","cluster":"DC0_C0")");
    config.replace(config.find(std::to_string(vcsim.port())), std::to_string(vcsim.port()).size(),
                   std::to_string(proxy.port()));
    auto client = world.open(config);

    auto vm = client->create_vm(vm_spec("tp-vcsim-1"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->name == "tp-vcsim-1");
    CHECK(vm->state == TP_VM_STATE_RUNNING);
    CHECK(vm->provider_id.rfind("vm-", 0) == 0);
    CHECK(std::find(vm->tags.begin(), vm->tags.end(),
                    std::pair<std::string, std::string>{"tidepool-machine", "tp-vcsim-1"}) !=
          vm->tags.end());

    // A retried create (same core name) finds the VM instead of cloning a second one.
    auto again = client->create_vm(vm_spec("tp-vcsim-1"));
    REQUIRE_MESSAGE(again.ok(), again.error().message);
    CHECK(again->provider_id == vm->provider_id);

    auto other = client->create_vm(vm_spec("tp-vcsim-2"));
    REQUIRE_MESSAGE(other.ok(), other.error().message);
    CHECK(listed(*client, {{"tidepool-machine", "tp-vcsim-1"}}) ==
          std::vector<std::string>{vm->provider_id});
    CHECK(listed(*client, {{"tidepool-config", "vsphere"}}).size() == 2);
    CHECK(listed(*client, {{"tidepool-config", "other"}}).empty());

    // CPUs and memory were applied after the clone (vcsim ignores them in the clone spec).
    CHECK(vcsim.cpus_and_memory_mib(vm->provider_id) == std::pair<int64_t, int64_t>{2, 3072});

    auto got = client->get_vm(vm->provider_id);
    REQUIRE_MESSAGE(got.ok(), got.error().message);
    CHECK(got->detail == "poweredOn");

    REQUIRE(client->delete_vm(vm->provider_id).ok());
    auto gone = client->get_vm(vm->provider_id);
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().code == ErrorCode::not_found);
    CHECK(client->delete_vm(vm->provider_id).ok());  // not found is success
    CHECK(listed(*client, {{"tidepool-config", "vsphere"}}) ==
          std::vector<std::string>{other->provider_id});
    REQUIRE(client->delete_vm(other->provider_id).ok());
    CHECK(proxy.require_all_valid() > 20);
}

TEST_CASE("vcsim: a mistyped id never destroys a VM Tidepool did not create") {
    Vcsim vcsim;
    PluginWorld world;
    auto client = world.open(vcsim.config());
    std::string tmpl = vcsim.with_inventory(
        [](vsphere::Inventory& inv, const vsphere::VsphereConfig&) {
            return inv.find_by_path(sdk::Call(), "DC0/vm/DC0_C0_RP0_VM0").value;
        });
    auto refused = client->delete_vm(tmpl);  // the template itself
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::denied);
    CHECK(client->get_vm(tmpl).ok());
}

TEST_CASE("vcsim: a create that died after the clone is resumed, not cloned again") {
    Vcsim vcsim;
    // What a crash between CloneVM_Task and power-on leaves: a powered-off clone of the name.
    std::string orphan = vcsim.with_inventory([](vsphere::Inventory& inv,
                                                 const vsphere::VsphereConfig& config) {
        auto placement = vsphere::resolve_placement(inv, sdk::Call(), config);
        vsphere::vim::CloneRequest clone{placement.template_vm, placement.folder, "tp-resume",
                                         {}, {}, {}};
        return inv.run_task(sdk::Call(), vsphere::vim::clone_vm(clone), "clone").result.value;
    });
    PluginWorld world;
    auto client = world.open(vcsim.config());
    auto vm = client->create_vm(vm_spec("tp-resume"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->provider_id == orphan);
    CHECK(vm->state == TP_VM_STATE_RUNNING);
    CHECK(vcsim.cpus_and_memory_mib(orphan) == std::pair<int64_t, int64_t>{2, 3072});
    CHECK(listed(*client, {{"tidepool-machine", "tp-resume"}}) == std::vector<std::string>{orphan});
    REQUIRE(client->delete_vm(orphan).ok());
}

TEST_CASE("vcsim: max_instances is a capacity error") {
    Vcsim vcsim;
    PluginWorld world;
    auto client = world.open(vcsim.config(R"(,"max_instances":1)"));
    auto first = client->create_vm(vm_spec("tp-cap-1"));
    REQUIRE_MESSAGE(first.ok(), first.error().message);
    auto second = client->create_vm(vm_spec("tp-cap-2"));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == ErrorCode::capacity);
    REQUIRE(client->delete_vm(first->provider_id).ok());
}

TEST_CASE("vcsim: wrong password, missing template or placement names are named") {
    Vcsim vcsim;
    PluginWorld world;
    struct Row {
        std::string config;
        ErrorCode code;
        std::string field;
    };
    const Row rows[] = {
        {R"({"vcenter":"127.0.0.1","port":1,"username":"u","password":"p","template":"t",)"
         R"("verify_tls":false})",
         ErrorCode::unavailable, ""},
        {vcsim.config("", "no-such-template"), ErrorCode::invalid, "/template"},
        {vcsim.config("", "DC0/vm/no-such-template"), ErrorCode::invalid, "/template"},
        {vcsim.config(R"(,"datacenter":"DC9")"), ErrorCode::invalid, "/datacenter"},
        {vcsim.config(R"(,"datastore":"NoSuchDS")"), ErrorCode::invalid, "/datastore"},
        {vcsim.config(R"(,"vm_folder":"nope")"), ErrorCode::invalid, "/vm_folder"},
        {vcsim.config(R"(,"resource_pool":"nope")"), ErrorCode::invalid, "/resource_pool"},
    };
    for (const Row& row : rows) {
        INFO(row.config);
        auto client = world.open(row.config);
        auto vm = client->create_vm(vm_spec("tp-bad"));
        REQUIRE_FALSE(vm.ok());
        CHECK(vm.error().code == row.code);
        CHECK(vm.error().field == row.field);
    }
    std::string bad_password = vcsim.config();
    bad_password.replace(bad_password.find("pw-"), 3, "xx-");
    auto client = world.open(bad_password);
    auto vm = client->create_vm(vm_spec("tp-bad"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::denied);
    CHECK(vm.error().field == "/password");
    CHECK(vm.error().message.find("xx-") == std::string::npos);  // never the secret
}

}  // namespace
}  // namespace tidepool::test
