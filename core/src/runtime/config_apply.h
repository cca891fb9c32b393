// Validating and storing operator configuration: the checks the model codec cannot make on
// its own (schedules, startup-script variables, plugin schemas, references to stored objects),
// then one transaction so a bundle lands whole or not at all.
#pragma once

#include <string>

#include "model/config_bundle.h"
#include "runtime/connection_config.h"
#include "runtime/provider_gateway.h"
#include "store/store.h"

namespace tidepool::runtime {

struct ApplyCounts {
    int zones = 0, pools = 0, provider_configs = 0, autoscale_configs = 0, staging_configs = 0;
};

Result<void> validate_autoscale_config(const model::AutoScaleConfig& config,
                                       const std::string& pointer);

// Validates the whole bundle against itself, the store and the plugins, seals the autoscale
// configs' connection secrets (connection_config.h), then writes it.
Result<ApplyCounts> apply_bundle(store::Store& store, ProviderGateway& providers,
                                 const model::ConfigBundle& bundle,
                                 const ConnectionPrep& prep = {});

}  // namespace tidepool::runtime
