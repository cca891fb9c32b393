// Test harness for tidepool-vsphere.so: child servers (vcsim, the fake vCenter) on a free
// loopback port, and a private copy of the plugin loaded through the real PluginRegistry with
// the real host services (libcurl HTTP, system clock).
#pragma once

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "plugins/registry.h"

namespace tidepool::test {

namespace fs = std::filesystem;

constexpr const char* kVsphereId = "org.tidepool.vsphere";

// A fresh 0755 directory, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tp-vsphere-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
        fs::permissions(path_, fs::perms(0755));
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// A child process whose first stdout line tells where it listens; killed when destroyed.
class ChildServer {
public:
    explicit ChildServer(const std::vector<std::string>& argv) {
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        ::close(out[1]);
        stdout_ = ::fdopen(out[0], "r");
        char line[512] = {};
        REQUIRE_MESSAGE(std::fgets(line, sizeof line, stdout_) != nullptr,
                        "the server " << argv[0] << " printed nothing");
        first_line_ = line;
    }
    ~ChildServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        if (stdout_) std::fclose(stdout_);
    }
    ChildServer(const ChildServer&) = delete;
    ChildServer& operator=(const ChildServer&) = delete;

    const std::string& first_line() const { return first_line_; }

private:
    pid_t pid_ = -1;
    FILE* stdout_ = nullptr;
    std::string first_line_;
};

// The registry with a private copy of the plugin (installed like an operator would).
class PluginWorld {
public:
    PluginWorld() {
        fs::path staging = dir_.path() / ".tidepool-vsphere.so.tmp";
        fs::copy_file(TIDEPOOL_VSPHERE_PLUGIN, staging, fs::copy_options::overwrite_existing);
        fs::permissions(staging, fs::perms(0755));
        fs::rename(staging, dir_.path() / "tidepool-vsphere.so");
        plugins::RegistryOptions options;
        options.plugin_dirs = {dir_.path()};
        registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
        auto report = registry_->reload();
        REQUIRE(report.loaded.size() == 1);
    }

    Result<std::unique_ptr<plugins::VmClient>> try_open(const std::string& config) {
        return registry_->open_vm(kVsphereId, config);
    }
    std::unique_ptr<plugins::VmClient> open(const std::string& config) {
        auto client = try_open(config);
        REQUIRE_MESSAGE(client.ok(), client.error().message);
        return std::move(*client);
    }

private:
    TempDir dir_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
};

inline plugins::VmSpec vm_spec(const std::string& name, const std::string& script = {}) {
    plugins::VmSpec s;
    s.name = name;
    s.idempotency_key = name + "-key";
    s.tags = {{"tidepool-installation", "test"},
              {"tidepool-config", "vsphere"},
              {"tidepool-machine", name}};
    s.startup_script = script;
    return s;
}

inline std::vector<std::string> listed(plugins::VmClient& client, const plugins::Tags& filter) {
    auto vms = client.list_vms(filter);
    REQUIRE_MESSAGE(vms.ok(), vms.error().message);
    std::vector<std::string> ids;
    for (const auto& vm : *vms) ids.push_back(vm.provider_id);
    return ids;
}

}  // namespace tidepool::test
