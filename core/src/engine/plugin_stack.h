// The plugin stack every host of the runtime uses: the registry over the plugin directories,
// then the gateway chain the runtime calls (plugins → rate limits, retries and circuit breakers
// → per-call metrics). tidepoold and the embedding Engine both build it through Composition.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "plugins/registry.h"
#include "providers/metered_gateway.h"
#include "providers/plugin_gateway.h"
#include "providers/resilient_gateway.h"
#include "secrets/sealer.h"
#include "store/store.h"

namespace tidepool::engine {

// level ("debug", "info", "warn", "error"), the line, and the request id ("" when none).
// Called from any thread; must not block.
using LogSink = std::function<void(const std::string& level, const std::string& line,
                                   const std::string& request_id)>;

class PluginStack {
public:
    // Loads every plugin in dirs; refused files are logged, never fatal. `sealer` seals
    // provider-config secrets at rest (null: stored as given, for tests).
    static std::unique_ptr<PluginStack> open(const std::vector<std::string>& dirs,
                                             store::Store& store, LogSink log,
                                             std::shared_ptr<const secrets::Sealer> sealer);
    PluginStack(const PluginStack&) = delete;
    PluginStack& operator=(const PluginStack&) = delete;

    // What the runtime calls.
    runtime::ProviderGateway& gateway() { return *metered_; }
    // Rescans; new calls go to new versions while calls in flight finish on the old ones.
    // Logs what changed.
    void reload();
    // Unloads replaced versions once their last client closed (run periodically).
    void collect_retired() { registry_->collect_retired(); }

    std::vector<plugins::PluginInfo> list() const { return registry_->list(); }
    std::vector<std::string> refusals() const { return registry_->refusals(); }
    std::vector<providers::ProviderCallMetrics> calls() const { return metered_->calls(); }
    providers::ResilienceStats resilience_stats() const { return resilient_->stats(); }

private:
    PluginStack(const std::vector<std::string>& dirs, store::Store& store, LogSink log,
                std::shared_ptr<const secrets::Sealer> sealer);
    LogSink log_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
    std::unique_ptr<providers::PluginGateway> gateway_;
    std::unique_ptr<providers::ResilientGateway> resilient_;
    std::unique_ptr<providers::MeteredGateway> metered_;
};

}  // namespace tidepool::engine
