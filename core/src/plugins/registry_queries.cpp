// PluginRegistry: read-only queries and opening clients.
#include <fmt/format.h>

#include "plugins/registry.h"

namespace tidepool::plugins {

namespace {

const char* interface_name(InterfaceKind kind) {
    return kind == InterfaceKind::vm ? TP_VM_PROVIDER_ID : TP_DNS_PROVIDER_ID;
}

}  // namespace

std::vector<PluginInfo> PluginRegistry::list() const {
    std::lock_guard lock(mutex_);
    std::vector<PluginInfo> out;
    for (const auto& [path, plugin] : active_) out.push_back(plugin->info());
    return out;
}

std::vector<std::string> PluginRegistry::refusals() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [path, refused] : refused_) out.push_back(refused.line);
    return out;
}

size_t PluginRegistry::retired_count() const {
    std::lock_guard lock(mutex_);
    return retired_.size();
}

std::shared_ptr<LoadedPlugin> PluginRegistry::find(std::string_view plugin_id) const {
    std::lock_guard lock(mutex_);
    for (const auto& [path, plugin] : active_) {
        if (plugin->info().id == plugin_id) return plugin;
    }
    return nullptr;
}

Result<std::shared_ptr<LoadedPlugin>> PluginRegistry::find_provider(std::string_view plugin_id,
                                                                    InterfaceKind kind) const {
    auto plugin = find(plugin_id);
    if (!plugin) {
        return make_error(ErrorCode::not_found,
                          fmt::format("no plugin with id {} is loaded", plugin_id));
    }
    if (!plugin->schema(kind)) {
        return make_error(ErrorCode::invalid,
                          fmt::format("plugin {} ({}) offers no {}", plugin_id,
                                      plugin->info().file.string(), interface_name(kind)));
    }
    return plugin;
}

Result<void> PluginRegistry::validate_config(std::string_view plugin_id, InterfaceKind kind,
                                             std::string_view config_json) const {
    auto plugin = find_provider(plugin_id, kind);
    if (!plugin) return plugin.error();
    return (*plugin)->schema(kind)->validate(config_json);
}

Result<std::vector<std::string>> PluginRegistry::secret_fields(std::string_view plugin_id,
                                                               InterfaceKind kind) const {
    auto plugin = find_provider(plugin_id, kind);
    if (!plugin) return plugin.error();
    return (*plugin)->schema(kind)->secret_fields();
}

Result<std::unique_ptr<VmClient>> PluginRegistry::open_vm(std::string_view plugin_id,
                                                          std::string_view config_json) const {
    auto plugin = find_provider(plugin_id, InterfaceKind::vm);
    if (!plugin) return plugin.error();
    if (auto ok = (*plugin)->schema(InterfaceKind::vm)->validate(config_json); !ok) {
        return ok.error();
    }
    return VmClient::open(std::move(*plugin), config_json);
}

Result<std::unique_ptr<DnsClient>> PluginRegistry::open_dns(std::string_view plugin_id,
                                                            std::string_view config_json) const {
    auto plugin = find_provider(plugin_id, InterfaceKind::dns);
    if (!plugin) return plugin.error();
    if (auto ok = (*plugin)->schema(InterfaceKind::dns)->validate(config_json); !ok) {
        return ok.error();
    }
    return DnsClient::open(std::move(*plugin), config_json);
}

}  // namespace tidepool::plugins
