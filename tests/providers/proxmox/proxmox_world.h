// tidepool-proxmox.so loaded through the real PluginRegistry (real clock, libcurl HTTP),
// pointed at one shared FakePve that each test resets. Log lines are kept so tests can prove
// the token secret never reaches them.
#pragma once

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fake_pve.h"
#include "plugins/registry.h"

namespace tidepool::test {

inline FakePve& shared_fake() {
    static FakePve fake;
    return fake;
}

using Members = std::map<std::string, std::string>;  // config member -> raw JSON

class ProxmoxWorld {
public:
    ProxmoxWorld() : fake_(shared_fake()) {
        fake_.reset();
        std::string pattern = (fs::temp_directory_path() / "tp-pvep-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        fs::permissions(dir_, fs::perms(0755));
        fs::copy_file(TIDEPOOL_PROXMOX_PLUGIN, dir_ / "tidepool-proxmox.so");
        fs::permissions(dir_ / "tidepool-proxmox.so", fs::perms(0755));
        plugins::RegistryOptions options;
        options.plugin_dirs = {dir_};
        options.services.log = [this](const plugins::LogRecord& r) {
            std::lock_guard lock(log_mutex_);
            log_.push_back(r.message);
        };
        registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
        auto report = registry_->reload();
        CAPTURE(report.refused);
        REQUIRE(report.loaded.size() == 1);
    }
    ~ProxmoxWorld() {
        registry_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    FakePve& fake() { return fake_; }

    // A config for the fake: CA-verified TLS, fast polling, VMIDs 1000..1009.
    std::string config(const Members& changes = {}) const {
        Members m = {{"host", "\"" + fake_.host() + "\""},
                     {"username", "\"tidepool@pve\""},
                     {"token_name", "\"autoscale\""},
                     {"token_value", std::string("\"") + kTokenSecret + "\""},
                     {"ca_file", "\"" + fake_.ca_file() + "\""},
                     {"vmid_lower", "1000"},
                     {"vmid_upper", "1009"},
                     {"template_name", "\"ubuntu-template\""},
                     {"node", "\"pve1\""},
                     {"cores", "4"},
                     {"memory_gib", "8"},
                     {"poll_interval_ms", "20"},
                     {"agent_timeout_s", "30"}};
        for (const auto& [k, v] : changes) {
            if (v.empty()) {
                m.erase(k);
            } else {
                m[k] = v;
            }
        }
        std::string out = "{";
        for (const auto& [k, v] : m) out += (out.size() > 1 ? "," : "") + ("\"" + k + "\":" + v);
        return out + "}";
    }

    std::unique_ptr<plugins::VmClient> open(const Members& changes = {}) {
        auto client = registry_->open_vm("org.tidepool.proxmox", config(changes));
        REQUIRE_MESSAGE(client.ok(), client.error().message);
        return std::move(*client);
    }
    Result<std::unique_ptr<plugins::VmClient>> try_open(const Members& changes) {
        return registry_->open_vm("org.tidepool.proxmox", config(changes));
    }

    std::vector<std::string> log() {
        std::lock_guard lock(log_mutex_);
        return log_;
    }

private:
    FakePve& fake_;
    fs::path dir_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
    std::mutex log_mutex_;
    std::vector<std::string> log_;
};

inline plugins::VmSpec spec(const std::string& name, const std::string& script = "echo hi\n") {
    plugins::VmSpec s;
    s.name = name;
    s.idempotency_key = name + "-key";
    s.tags = {{"tidepool-installation", "inst-1"},
              {"tidepool-config", "cfg-7"},
              {"tidepool-machine", name}};
    s.startup_script = script;
    return s;
}

// The fake's VMs keyed by VMID.
inline std::map<int64_t, std::string> vm_names(const rapidjson::Document& state) {
    std::map<int64_t, std::string> out;
    for (const auto& vm : state["vms"].GetArray())
        out[vm["vmid"].GetInt64()] = vm["name"].GetString();
    return out;
}

// Every request the plugin sent passed the API schema.
inline void check_no_rejections(FakePve& fake) {
    auto state = fake.state();
    CHECK_MESSAGE(state["rejections"].Size() == 0, "the fake refused requests: see its state");
    if (state["rejections"].Size() != 0) {
        for (const auto& r : state["rejections"].GetArray()) {
            MESSAGE(r["method"].GetString() << " " << r["path"].GetString());
        }
    }
}

}  // namespace tidepool::test
