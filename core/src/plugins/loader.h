// Loading one plugin file: every check of the v1 ABI, in the order a broken plugin would trip
// them, each refusal one line naming the file, the reason, the entry symbol and both ABI
// versions. Nothing here scans directories or keeps state; PluginRegistry does that.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include <tidepool/result.h>

#include "plugins/host_services.h"
#include "plugins/loaded_plugin.h"

namespace tidepool::plugins {

struct LoadOptions {
    // Called once per check: failure is nullptr when it passed, else the refusal (the last
    // call). The conformance kit prints these as "ok   <step>" / "FAIL <step>: <reason>".
    std::function<void(std::string_view step, const Error* failure)> on_step;
    // True when another file already provides this plugin id; refused before init() runs.
    std::function<bool(std::string_view id)> id_taken;
};

class PluginLoader {
public:
    static Result<std::shared_ptr<LoadedPlugin>> load(const std::filesystem::path& file,
                                                      std::shared_ptr<const HostServices> services,
                                                      const LoadOptions& options = {});
};

}  // namespace tidepool::plugins
