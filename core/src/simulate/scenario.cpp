#include "simulate/scenario.h"

#include <algorithm>
#include <string>
#include <tidepool/sdk/error.hpp>

#include "model/config_bundle.h"
#include "schedule/parse.h"

namespace tidepool::simulate {
namespace {

constexpr std::string_view kSimPlugin = "org.tidepool.sim";

Error invalid(std::string message, std::string field) {
    return make_error(ErrorCode::invalid, std::move(message), std::move(field));
}

const model::Pool* pool_to_simulate(const model::ConfigBundle& b) {
    for (const auto& pool : b.pools) {
        if (pool.kind != model::PoolKind::server) continue;
        bool has_config = std::any_of(b.autoscale_configs.begin(), b.autoscale_configs.end(),
                                      [&](const auto& c) { return c.pool_id == pool.id; });
        if (has_config) return &pool;
    }
    return nullptr;
}

// The sim provider's own parser, so the boot model and its errors are the plugin's.
Result<sim::SimConfig> sim_config_of(const model::ConfigBundle& b, const model::Id& id,
                                     const std::string& config_pointer) {
    for (std::size_t i = 0; i < b.provider_configs.size(); ++i) {
        const auto& p = b.provider_configs[i];
        if (p.id != id) continue;
        std::string at = "/provider_configs/" + std::to_string(i);
        if (p.plugin_id != kSimPlugin) {
            return invalid("\"plugin_id\": \"" + p.plugin_id + "\" is not allowed in a " +
                               "simulation; use \"org.tidepool.sim\" (its boot_seconds model " +
                               "is what the simulator replays)",
                           at + "/plugin_id");
        }
        try {
            return sim::SimConfig::parse(p.config_json);
        } catch (const sdk::ProviderError& e) {
            return invalid(e.what(), at + "/config" + e.field());
        }
    }
    return invalid("\"vm_provider_id\": \"" + id + "\" names no provider config in the bundle; " +
                       "add it to /provider_configs",
                   config_pointer + "/vm_provider_id");
}

Result<SimulatedConfig> simulated(const model::ConfigBundle& b, std::size_t i, std::uint64_t seed) {
    const auto& c = b.autoscale_configs[i];
    std::string at = "/autoscale_configs/" + std::to_string(i);
    auto sim = sim_config_of(b, c.vm_provider_id, at);
    if (!sim) return sim.error();
    auto activity = schedule::parse_activity_json(c.schedule_json, at);
    if (!activity) {
        const auto& e = activity.errors().front();  // the bundle parser checked it already
        return invalid(e.message, e.pointer);
    }
    SimulatedConfig out{c, activity.value(), sim->boot, static_cast<int>(sim->max_instances),
                        sim->seed.value_or(seed * 1000003 + i)};
    return out;
}

}  // namespace

int new_server_headroom(const model::AutoScaleConfig& c) {
    return std::max(0, std::min(c.max_sessions_per_server, c.max_users_per_server));
}

Result<Scenario> scenario_from_bundle(std::string_view bundle_json, std::uint64_t seed) {
    auto bundle = model::parse_config_bundle_text(bundle_json);
    if (!bundle) return bundle.error();
    if (auto refs = model::validate_references(*bundle); !refs) return refs.error();
    const model::Pool* pool = pool_to_simulate(*bundle);
    if (pool == nullptr) {
        return invalid(
            "the bundle has no server pool with an autoscale config; add one to "
            "/pools (kind \"server\") and a config naming it to /autoscale_configs",
            "/pools");
    }
    Scenario scenario;
    scenario.pool = *pool;
    for (std::size_t i = 0; i < bundle->autoscale_configs.size(); ++i) {
        if (bundle->autoscale_configs[i].pool_id != pool->id) continue;
        auto config = simulated(*bundle, i, seed);
        if (!config) return config.error();
        scenario.configs.push_back(std::move(*config));
    }
    return scenario;
}

}  // namespace tidepool::simulate
