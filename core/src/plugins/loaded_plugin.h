// One plugin library that passed every load check: its entry, its interface tables, their
// schemas and the tp_host it was initialised with. Shared ownership is the unload rule: every
// open client holds a shared_ptr, so the library is deinit()ed and dlclose()d only after the
// last client (and hence the last call) on it is gone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <tidepool/dns_provider.h>
#include <tidepool/entry.h>
#include <tidepool/vm_provider.h>

#include "plugins/config_schema.h"
#include "plugins/dynamic_library.h"
#include "plugins/host_services.h"
#include "plugins/plugin_file.h"

namespace tidepool::plugins {

// What `tidepool plugin list` shows.
struct PluginInfo {
    std::filesystem::path file;
    std::string id;
    std::string version;
    std::string description;
    uint32_t abi_major = 0;
    uint32_t abi_minor = 0;
    uint32_t min_host_abi_minor = 0;
    std::vector<std::string> interfaces;  // e.g. {"tidepool.vm_provider/1"}
    uint64_t vm_capabilities = 0;
    uint64_t dns_capabilities = 0;
};

enum class InterfaceKind { vm, dns };

class LoadedPlugin {
public:
    // Everything the loader fills in, step by step; read through the accessors below.
    struct State {
        std::shared_ptr<DynamicLibrary> library;
        std::unique_ptr<PluginHost> host;
        const tp_plugin_entry* entry = nullptr;
        bool initialised = false;
        const tp_vm_provider* vm = nullptr;
        const tp_dns_provider* dns = nullptr;
        std::shared_ptr<const ConfigSchema> vm_schema;
        std::shared_ptr<const ConfigSchema> dns_schema;
        PluginInfo info;
        FileIdentity identity;
    };

    // Calls deinit() if init() succeeded, then unloads the library (in that order).
    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    const PluginInfo& info() const { return state_.info; }
    const FileIdentity& identity() const { return state_.identity; }
    const tp_vm_provider* vm() const { return state_.vm; }
    const tp_dns_provider* dns() const { return state_.dns; }
    // The schema of one interface, or nullptr when the plugin does not offer it.
    const ConfigSchema* schema(InterfaceKind kind) const;

private:
    friend class PluginLoader;
    LoadedPlugin() = default;

    State state_;
};

}  // namespace tidepool::plugins
