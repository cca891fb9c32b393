// The set of loaded plugins, from the configured directories, with hot reload.
//
// reload() is the only thing that loads or retires: new files load; a replaced file (new
// inode, mtime or size) loads as a new version and the old version is *retired*; a removed
// file's plugin is retired too. A retired plugin keeps serving the clients already open on it
// (each holds a shared_ptr) and is deinit()ed and unloaded by collect_retired() once the last
// of them is closed. A refused file never disturbs what is already loaded: if a new version is
// refused, the old one keeps serving.
//
// Thread tags as in the ABI: reload() and collect_retired() run on one loader thread [main];
// everything else is safe from any thread.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <tidepool/result.h>

#include "plugins/dns_client.h"
#include "plugins/host_services.h"
#include "plugins/loaded_plugin.h"
#include "plugins/vm_client.h"

namespace tidepool::plugins {

struct RegistryOptions {
    std::vector<std::filesystem::path> plugin_dirs;  // scanned in order for tidepool-*.so
    HostServices services;                           // unset members get defaults
};

struct ReloadReport {
    std::vector<PluginInfo> loaded;     // new plugins and new versions
    std::vector<PluginInfo> retired;    // replaced or removed; unloaded once unused
    std::vector<std::string> refused;   // one line per file refused by this reload
    std::vector<std::string> problems;  // unreadable plugin directories
};

class PluginRegistry {
public:
    explicit PluginRegistry(RegistryOptions options);
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    // Rescans the plugin directories. Refusals are also logged (level warn). [main]
    ReloadReport reload();
    // Unloads retired plugins no client uses any more; returns how many. reload() calls it
    // too; a daemon also calls it after closing clients. [main]
    size_t collect_retired();

    std::vector<PluginInfo> list() const;
    // The refusal line of every file currently refused (until it changes or goes away).
    std::vector<std::string> refusals() const;
    // Retired plugins still loaded because a client is open on them.
    size_t retired_count() const;

    std::shared_ptr<LoadedPlugin> find(std::string_view plugin_id) const;
    Result<std::shared_ptr<LoadedPlugin>> find_provider(std::string_view plugin_id,
                                                        InterfaceKind kind) const;
    // Validates a provider config against the plugin's schema for that interface.
    Result<void> validate_config(std::string_view plugin_id, InterfaceKind kind,
                                 std::string_view config_json) const;
    // JSON pointers of the config members the schema marks "x-tidepool-secret".
    Result<std::vector<std::string>> secret_fields(std::string_view plugin_id,
                                                   InterfaceKind kind) const;
    // Validates config_json, then opens a client on the current version of the plugin.
    Result<std::unique_ptr<VmClient>> open_vm(std::string_view plugin_id,
                                              std::string_view config_json) const;
    Result<std::unique_ptr<DnsClient>> open_dns(std::string_view plugin_id,
                                                std::string_view config_json) const;

    const std::shared_ptr<const HostServices>& services() const { return services_; }

private:
    struct Refused {
        FileIdentity identity;
        std::string line;
    };

    std::map<std::filesystem::path, FileIdentity> scan(ReloadReport& report) const;
    void retire_removed(const std::map<std::filesystem::path, FileIdentity>& found,
                        ReloadReport& report);
    void load_changed(const std::filesystem::path& path, const FileIdentity& identity,
                      ReloadReport& report);
    Result<void> check_not_rewritten_in_place(const std::filesystem::path& path,
                                              const FileIdentity& identity) const;
    bool id_taken_by_other(std::string_view id, const std::filesystem::path& path) const;
    void refuse(const std::filesystem::path& path, const FileIdentity& identity,
                const std::string& line, ReloadReport& report);

    std::vector<std::filesystem::path> dirs_;
    std::shared_ptr<const HostServices> services_;
    std::mutex reload_mutex_;   // one reload at a time
    mutable std::mutex mutex_;  // guards the three maps below
    std::map<std::filesystem::path, std::shared_ptr<LoadedPlugin>> active_;
    std::map<std::filesystem::path, Refused> refused_;
    std::vector<std::shared_ptr<LoadedPlugin>> retired_;
};

}  // namespace tidepool::plugins
