// tidepool-vsphere.so against the fake vCenter (fake_vcenter.py), for what vcsim cannot do:
// guest operations (the startup script really runs, in a scratch directory), a datastore
// running out of space during the clone, and an expired session. The fake validates every
// request envelope, and its own answers, against VMware's WSDL/XSDs; each test ends by
// asserting it recorded no invalid envelope.
#include <rapidjson/document.h>

#include <doctest/doctest.h>

#include "plugins/host_services.h"
#include "vsphere_world.h"

#include <tidepool/sdk/host.hpp>

namespace tidepool::test {
namespace {

constexpr const char* kGuestPassword = "guest-secret-1";

class FakeVcenter {
public:
    FakeVcenter()
        : server_({TIDEPOOL_PYTHON3, std::string(TIDEPOOL_SOURCE_DIR) +
                                  "/tests/providers/vsphere/fake_vcenter.py",
                   TIDEPOOL_VIM_VALIDATE, std::string(TIDEPOOL_SHARED_DIR) +
                                              "/specs/vsphere/vim25-wsdl",
                   "tidepool", "vc-secret-1", "agent", kGuestPassword}) {
        REQUIRE_MESSAGE(server_.first_line().rfind("PORT ", 0) == 0, server_.first_line());
        port_ = std::stoi(server_.first_line().substr(5));
        std::string line = server_.first_line();
        certificate_ = line.substr(line.rfind(' ') + 1);
        while (!certificate_.empty() && certificate_.back() == '\n') certificate_.pop_back();
        // The test's own HTTP calls to the fake's admin endpoints go through the core's curl.
        sdk::host() = sdk::HostServices(host_.get());
    }
    ~FakeVcenter() { sdk::host() = sdk::HostServices(); }

    std::string config(const std::string& extra = {},
                       const std::string& template_path = "DC0/vm/tmpl-linux") const {
        return R"({"vcenter":"127.0.0.1","port":)" + std::to_string(port_) +
               R"(,"username":"tidepool","password":"vc-secret-1","template":")" + template_path +
               R"(","verify_tls":false,"guest_username":"agent","guest_password":")" +
               kGuestPassword + R"(","cpus":2,"memory_gib":2)" + extra + "}";
    }

    rapidjson::Document state() const {
        rapidjson::Document doc;
        doc.Parse(admin("GET", "/fake/state").c_str());
        REQUIRE(doc.IsObject());
        return doc;
    }
    const std::string& certificate() const { return certificate_; }
    void expire_sessions() const { admin("POST", "/fake/expire-sessions"); }
    void fail_next(int status, int retry_after_s) const {
        std::string path = "/fake/fail-next?status=" + std::to_string(status) +
                           "&retry_after=" + std::to_string(retry_after_s);
        admin("POST", path.c_str());
    }

    // No envelope the plugin sent (nor any answer) failed schema validation.
    void require_all_valid() const {
        auto s = state();
        std::string problems;
        for (const auto& p : s["invalid"].GetArray()) problems += std::string(p.GetString()) + "\n";
        CHECK_MESSAGE(problems.empty(), problems);
    }

    // Names of the VMs the fake holds (templates included).
    std::vector<std::string> vm_names() const {
        std::vector<std::string> out;
        auto s = state();
        for (const auto& vm : s["vms"].GetArray()) out.emplace_back(vm["name"].GetString());
        return out;
    }

private:
    std::string admin(const char* method, const char* path) const {
        sdk::HttpRequest req;
        req.method = method;
        req.url = "https://127.0.0.1:" + std::to_string(port_) + path;
        req.verify_tls = false;
        auto r = sdk::host().http(req);
        REQUIRE(r.status == 200);
        return r.body;
    }

    plugins::PluginHost host_{plugins::with_defaults({}), "test"};
    ChildServer server_;
    int port_ = 0;
    std::string certificate_;
};

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

TEST_CASE("guest operations: the startup script is uploaded, run with bash and cleaned up") {
    FakeVcenter fake;
    PluginWorld world;
    auto client = world.open(fake.config());
    auto vm = client->create_vm(vm_spec("tp-guest-ok", "#!/bin/bash\necho agent installed\n"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->state == TP_VM_STATE_RUNNING);
    CHECK(vm->private_ip.rfind("10.0.0.", 0) == 0);

    auto s = fake.state();
    REQUIRE(s["processes"].Size() == 1);
    CHECK(s["processes"][0]["exit"].GetInt() == 0);
    CHECK(std::string(s["processes"][0]["cmd"].GetString()).rfind("/bin/bash /tmp/tidepool-", 0) ==
          0);
    CHECK(s["guest_files"].Size() == 0);  // script (it may hold secrets) and log removed
    for (const auto& v : s["vms"].GetArray()) {
        if (std::string(v["name"].GetString()) != "tp-guest-ok") continue;
        CHECK(v["config.hardware.numCPU"].GetInt() == 2);  // resized after the clone
        CHECK(v["config.hardware.memoryMB"].GetInt() == 2048);
    }
    CHECK(listed(*client, {{"tidepool-machine", "tp-guest-ok"}}) ==
          std::vector<std::string>{vm->provider_id});
    REQUIRE(client->delete_vm(vm->provider_id).ok());
    CHECK_FALSE(has(fake.vm_names(), "tp-guest-ok"));
    fake.require_all_valid();
}

TEST_CASE("guest operations: a failing script reports its exit code and output; VM deleted") {
    FakeVcenter fake;
    PluginWorld world;
    auto client = world.open(fake.config());
    plugins::CallReport report;
    plugins::CallOptions options;
    options.report = &report;
    auto vm = client->create_vm(
        vm_spec("tp-guest-fail", "echo step one\necho step two\n"
                                 "echo 'fatal: agent download failed' >&2\nexit 7\n"),
        options);
    REQUIRE_FALSE(vm.ok());
    const std::string& msg = vm.error().message;
    CHECK(msg.find("exited with code 7") != std::string::npos);
    CHECK(msg.find("step two|fatal: agent download failed") != std::string::npos);
    CHECK(msg.find(kGuestPassword) == std::string::npos);
    CHECK(report.provider_code == "StartupScriptFailed");
    CHECK_FALSE(has(fake.vm_names(), "tp-guest-fail"));  // the half-built VM is gone
    CHECK(listed(*client, {{"tidepool-config", "vsphere"}}).empty());
    fake.require_all_valid();
}

TEST_CASE("guest operations: a wrong guest password is denied and the VM deleted") {
    FakeVcenter fake;
    PluginWorld world;
    std::string config = fake.config();
    config.replace(config.find(kGuestPassword), std::string(kGuestPassword).size(), "wrong");
    auto client = world.open(config);
    auto vm = client->create_vm(vm_spec("tp-guest-denied", "echo hi\n"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::denied);
    CHECK_FALSE(has(fake.vm_names(), "tp-guest-denied"));
    fake.require_all_valid();
}

TEST_CASE("a datastore out of space during the clone is a capacity error naming it") {
    FakeVcenter fake;
    PluginWorld world;
    auto client = world.open(fake.config("", "DC0/vm/tmpl-full"));
    plugins::CallReport report;
    plugins::CallOptions options;
    options.report = &report;
    auto vm = client->create_vm(vm_spec("tp-full"), options);
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::capacity);
    CHECK(vm.error().message.find("datastore 'ds-full'") != std::string::npos);
    CHECK(report.provider_code == "NoDiskSpace");
    CHECK_FALSE(has(fake.vm_names(), "tp-full"));
    fake.require_all_valid();
}

TEST_CASE("TLS is verified unless turned off; ca_file trusts a private CA") {
    FakeVcenter fake;
    PluginWorld world;
    std::string verified = fake.config();
    verified.replace(verified.find(R"("verify_tls":false)"), 18, R"("verify_tls":true)");
    auto untrusted = world.open(verified)->list_vms({});
    REQUIRE_FALSE(untrusted.ok());
    CHECK(untrusted.error().code == ErrorCode::invalid);  // the self-signed cert is refused
    CHECK(untrusted.error().field == "/verify_tls");
    CHECK(untrusted.error().message.find("/ca_file") != std::string::npos);

    std::string with_ca = verified;
    with_ca.insert(with_ca.size() - 1, R"(,"ca_file":")" + fake.certificate() + "\"");
    auto trusted = world.open(with_ca)->list_vms({});
    REQUIRE_MESSAGE(trusted.ok(), trusted.error().message);
    fake.require_all_valid();
}

TEST_CASE("an overloaded vCenter (HTTP 503, Retry-After) is unavailable with the hint") {
    FakeVcenter fake;
    PluginWorld world;
    auto client = world.open(fake.config());
    REQUIRE(client->list_vms({}).ok());
    fake.fail_next(503, 3);
    plugins::CallReport report;
    plugins::CallOptions options;
    options.report = &report;
    auto busy = client->list_vms({}, options);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().code == ErrorCode::unavailable);
    CHECK(report.retry_after_ms == 3000);
    CHECK(report.provider_code == "HTTP503");
    CHECK(client->list_vms({}).ok());  // the next call goes through
    fake.require_all_valid();
}

TEST_CASE("an expired session is replaced by logging in again") {
    FakeVcenter fake;
    PluginWorld world;
    auto client = world.open(fake.config());
    auto vm = client->create_vm(vm_spec("tp-relogin"));
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(fake.state()["logins"].GetInt() == 1);
    fake.expire_sessions();
    CHECK(listed(*client, {{"tidepool-machine", "tp-relogin"}}) ==
          std::vector<std::string>{vm->provider_id});
    CHECK(fake.state()["logins"].GetInt() == 2);
    REQUIRE(client->delete_vm(vm->provider_id).ok());
    fake.require_all_valid();
}

}  // namespace
}  // namespace tidepool::test
