// PluginRegistry: scanning, loading, hot reload and retirement. Queries live in
// registry_queries.cpp.
#include "plugins/registry.h"

#include <fmt/format.h>

#include "plugins/loader.h"

namespace tidepool::plugins {

PluginRegistry::PluginRegistry(RegistryOptions options)
    : dirs_(std::move(options.plugin_dirs)),
      services_(with_defaults(std::move(options.services))) {}

PluginRegistry::~PluginRegistry() {
    std::lock_guard lock(mutex_);
    // Plugins with open clients outlive the registry through those clients' references.
    active_.clear();
    retired_.clear();
}

ReloadReport PluginRegistry::reload() {
    std::lock_guard reload_lock(reload_mutex_);
    ReloadReport report;
    collect_retired();
    auto found = scan(report);
    retire_removed(found, report);
    for (const auto& [path, identity] : found) load_changed(path, identity, report);
    collect_retired();
    return report;
}

size_t PluginRegistry::collect_retired() {
    std::vector<std::shared_ptr<LoadedPlugin>> unused;
    {
        std::lock_guard lock(mutex_);
        // Only clients hold other references to a retired plugin and nothing can hand out new
        // ones, so a use count of 1 here is exact, not a race.
        for (auto it = retired_.begin(); it != retired_.end();) {
            if (it->use_count() == 1) {
                unused.push_back(std::move(*it));
                it = retired_.erase(it);
            } else {
                ++it;
            }
        }
    }
    return unused.size();  // deinit + unload happen here, outside the lock
}

std::map<std::filesystem::path, FileIdentity> PluginRegistry::scan(ReloadReport& report) const {
    std::map<std::filesystem::path, FileIdentity> found;
    for (const auto& dir : dirs_) {
        std::string problem;
        for (const auto& path : scan_plugin_dir(dir, problem)) {
            if (auto identity = identify(path)) found.emplace(path, *identity);
        }
        if (!problem.empty()) {
            report.problems.push_back(problem);
            services_->log(LogRecord{TP_LOG_WARN, "", "", problem});
        }
    }
    return found;
}

void PluginRegistry::retire_removed(const std::map<std::filesystem::path, FileIdentity>& found,
                                    ReloadReport& report) {
    std::lock_guard lock(mutex_);
    for (auto it = active_.begin(); it != active_.end();) {
        if (found.contains(it->first)) {
            ++it;
            continue;
        }
        report.retired.push_back(it->second->info());
        retired_.push_back(std::move(it->second));
        it = active_.erase(it);
    }
    std::erase_if(refused_, [&](const auto& entry) { return !found.contains(entry.first); });
}

void PluginRegistry::load_changed(const std::filesystem::path& path, const FileIdentity& identity,
                                  ReloadReport& report) {
    {
        std::lock_guard lock(mutex_);
        auto active = active_.find(path);
        if (active != active_.end() && active->second->identity() == identity) return;
        // A refused file is tried again on every reload, even unchanged: fixing what refused it
        // (chmod go-w on the file or its directory) changes neither inode, mtime nor size.
    }
    if (auto ok = check_not_rewritten_in_place(path, identity); !ok) {
        return refuse(path, identity, ok.error().message, report);
    }
    LoadOptions options;
    options.id_taken = [&](std::string_view id) { return id_taken_by_other(id, path); };
    auto loaded = PluginLoader::load(path, services_, options);
    if (!loaded) return refuse(path, identity, loaded.error().message, report);
    std::lock_guard lock(mutex_);
    refused_.erase(path);
    auto& slot = active_[path];
    if (slot) {
        report.retired.push_back(slot->info());
        retired_.push_back(std::move(slot));
    }
    slot = std::move(*loaded);
    report.loaded.push_back(slot->info());
}

// glibc identifies loaded objects by device and inode, so a file overwritten in place would
// "load" as the running copy (and overwriting mapped code crashes it anyway). Install by
// writing a new file and renaming it over the old one.
Result<void> PluginRegistry::check_not_rewritten_in_place(const std::filesystem::path& path,
                                                          const FileIdentity& identity) const {
    std::lock_guard lock(mutex_);
    auto active = active_.find(path);
    if (active == active_.end()) return {};
    const FileIdentity& old = active->second->identity();
    if (old.device != identity.device || old.inode != identity.inode) return {};
    return make_error(ErrorCode::conflict,
                      fmt::format("refused plugin {}: the file was rewritten in place while "
                                  "loaded; install a new version by writing a new file and "
                                  "renaming it over the old one (the running version stays)",
                                  path.string()));
}

bool PluginRegistry::id_taken_by_other(std::string_view id,
                                       const std::filesystem::path& path) const {
    std::lock_guard lock(mutex_);
    for (const auto& [other_path, plugin] : active_) {
        if (other_path != path && plugin->info().id == id) return true;
    }
    return false;
}

void PluginRegistry::refuse(const std::filesystem::path& path, const FileIdentity& identity,
                            const std::string& line, ReloadReport& report) {
    {
        std::lock_guard lock(mutex_);
        auto previous = refused_.find(path);
        bool repeat = previous != refused_.end() && previous->second.line == line;
        refused_[path] = Refused{identity, line};
        if (repeat) return;  // the same refusal again: reported once, not on every reload
    }
    report.refused.push_back(line);
    services_->log(LogRecord{TP_LOG_WARN, "", "", line});
}

}  // namespace tidepool::plugins
