// What the simulator runs: one server pool, its autoscale configs, and for each the sim
// provider's boot-time model, all read from a config bundle (model/config_bundle.h) exactly as
// `tidepool configs apply` reads one, so a bundle that simulates is a bundle the daemon accepts.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/objects.h"
#include "schedule/types.h"
#include "sim_config.h"  // plugins/sim: the provider's duration model
#include "tidepool/result.h"

namespace tidepool::simulate {

struct SimulatedConfig {
    model::AutoScaleConfig config;
    schedule::ActivitySpec activity;  // parsed from config.schedule_json
    sim::Duration boot;               // the sim provider config's boot_seconds
    int max_instances = 0;            // the provider config's max_instances
    std::uint64_t seed = 0;           // the provider config's seed, else derived from the run's
};

struct Scenario {
    model::Pool pool;
    std::vector<SimulatedConfig> configs;  // the pool's autoscale configs, bundle order
    std::int64_t tick_s = 15;              // how often the planner runs (the reconcile period)
};

// The bundle's first server pool that has autoscale configs. Every config of it must use a
// provider config of plugin "org.tidepool.sim". Errors name the JSON pointer at fault:
// "/provider_configs/0/config/boot_seconds/sigma", "/autoscale_configs/1/vm_provider_id".
Result<Scenario> scenario_from_bundle(std::string_view bundle_json, std::uint64_t seed);

// New-server headroom of a config: min(max sessions, max users) (DESIGN §2).
int new_server_headroom(const model::AutoScaleConfig& c);

}  // namespace tidepool::simulate
