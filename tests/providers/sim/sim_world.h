// A private copy of tidepool-sim.so loaded through the real PluginRegistry, with a VirtualClock
// as the host clock, so tests move time by hand and never wait for it. Each world installs its
// own copy (a new inode), so the loader maps a fresh library: worlds share nothing but files.
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "plugins/clock.h"
#include "plugins/registry.h"

namespace tidepool::test {

namespace fs = std::filesystem;

constexpr const char* kSimId = "org.tidepool.sim";
constexpr int64_t kStartMs = 1'700'000'000'000;  // an arbitrary, fixed epoch for the clock

// A fresh 0755 directory under the system temp dir, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "tp-sim-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
        fs::permissions(path_, fs::perms(0755));
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

// Copies the built plugin into dir the way an operator installs one (new file, then rename).
inline fs::path install_sim(const fs::path& dir) {
    fs::path staging = dir / ".tidepool-sim.so.tmp";
    fs::copy_file(TIDEPOOL_SIM_PLUGIN, staging, fs::copy_options::overwrite_existing);
    fs::permissions(staging, fs::perms(0755));
    fs::rename(staging, dir / "tidepool-sim.so");
    return dir / "tidepool-sim.so";
}

class SimWorld {
public:
    explicit SimWorld(int64_t start_ms = kStartMs)
        : clock_(std::make_shared<plugins::VirtualClock>(start_ms)) {
        plugin_ = install_sim(dir_.path());
        plugins::RegistryOptions options;
        options.plugin_dirs = {dir_.path()};
        options.services.clock = clock_;
        registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
        auto report = registry_->reload();
        CAPTURE(report.refused);
        REQUIRE(report.loaded.size() == 1);
    }

    plugins::PluginRegistry& registry() { return *registry_; }
    plugins::VirtualClock& clock() { return *clock_; }
    const std::shared_ptr<plugins::VirtualClock>& clock_ptr() const { return clock_; }
    const fs::path& plugin_file() const { return plugin_; }
    int64_t now() { return clock_->now_unix_ms(); }
    void advance(int64_t ms) { clock_->advance(ms); }

    // Opens a client or fails the test with the registry's message.
    std::unique_ptr<plugins::VmClient> open(const std::string& config) {
        auto client = registry_->open_vm(kSimId, config);
        REQUIRE_MESSAGE(client.ok(), client.error().message);
        return std::move(*client);
    }

private:
    ScratchDir dir_;
    fs::path plugin_;
    std::shared_ptr<plugins::VirtualClock> clock_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
};

inline plugins::VmSpec spec(const std::string& name, plugins::Tags tags = {}) {
    plugins::VmSpec s;
    s.name = name;
    s.idempotency_key = name + "-key";
    s.tags = tags.empty() ? plugins::Tags{{"tidepool:instance", name}} : std::move(tags);
    s.startup_script = "#!/bin/sh\necho hello from " + name + "\n";
    return s;
}

// Call options that collect the plugin's provider code and retry hint.
struct Reported {
    plugins::CallReport report;
    plugins::CallOptions options() {
        plugins::CallOptions o;
        o.report = &report;
        return o;
    }
};

// The provider ids list_vms reports for filter, in the order reported.
inline std::vector<std::string> listed_ids(plugins::VmClient& client,
                                           const plugins::Tags& filter = {}) {
    auto vms = client.list_vms(filter);
    REQUIRE_MESSAGE(vms.ok(), vms.error().message);
    std::vector<std::string> ids;
    for (const auto& vm : *vms) ids.push_back(vm.provider_id);
    return ids;
}

}  // namespace tidepool::test
