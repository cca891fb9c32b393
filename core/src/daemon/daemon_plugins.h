// The daemon's plugins: the registry over --plugin-dir, the gateway the runtime calls, and the
// list/reload operations the API and SIGHUP use.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/api_context.h"
#include "daemon/logging.h"
#include "plugins/registry.h"
#include "providers/metered_gateway.h"
#include "providers/plugin_gateway.h"
#include "providers/resilient_gateway.h"

namespace tidepool::daemon {

class DaemonPlugins {
public:
    // Loads every plugin in dirs; refused files are logged, never fatal.
    // `sealer` seals provider-config secrets at rest (null: stored as given, for tests).
    static std::unique_ptr<DaemonPlugins> open(
        const std::vector<std::string>& dirs, store::Store& store, Logger& logger,
        std::shared_ptr<const secrets::Sealer> sealer = nullptr);

    // What the runtime calls: the plugins behind rate limits, retries and circuit breakers,
    // timed for /metrics.
    runtime::ProviderGateway& gateway() { return *metered_; }
    PluginAdmin admin();
    // Rescans; new calls go to new versions while calls in flight finish on the old ones.
    std::string reload();
    std::string list_json() const;
    // Unloads replaced versions once their last client closed (run periodically).
    void collect_retired() { registry_->collect_retired(); }

private:
    DaemonPlugins(const std::vector<std::string>& dirs, store::Store& store, Logger& logger,
                  std::shared_ptr<const secrets::Sealer> sealer);
    Logger& logger_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
    std::unique_ptr<providers::PluginGateway> gateway_;
    std::unique_ptr<providers::ResilientGateway> resilient_;
    std::unique_ptr<providers::MeteredGateway> metered_;
};

}  // namespace tidepool::daemon
