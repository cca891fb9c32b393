// The plugin stack as the REST API and SIGHUP see it: the JSON listing, reload and the metrics
// (the stack itself is engine::PluginStack, built by engine::Composition).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/api_context.h"
#include "daemon/logging.h"
#include "engine/plugin_stack.h"

namespace tidepool::daemon {

// {"items":[…], "refused":[…]}: the loaded plugins and the refused files.
std::string plugin_list_json(const engine::PluginStack& plugins);

// List, reload and metrics of `plugins` for the API; `plugins` must outlive what it returns.
PluginAdmin plugin_admin(engine::PluginStack& plugins);

// The daemon's log sink for the engine's parts.
engine::LogSink log_sink(Logger& logger);

// A stand-alone plugin stack (tests that mount the API without a whole composition).
class DaemonPlugins {
public:
    static std::unique_ptr<DaemonPlugins> open(
        const std::vector<std::string>& dirs, store::Store& store, Logger& logger,
        std::shared_ptr<const secrets::Sealer> sealer = nullptr);

    runtime::ProviderGateway& gateway() { return stack_->gateway(); }
    PluginAdmin admin() { return plugin_admin(*stack_); }
    std::string reload();
    void collect_retired() { stack_->collect_retired(); }

private:
    explicit DaemonPlugins(std::unique_ptr<engine::PluginStack> stack)
        : stack_(std::move(stack)) {}
    std::unique_ptr<engine::PluginStack> stack_;
};

}  // namespace tidepool::daemon
