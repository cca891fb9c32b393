#include "staging/staging_requirements.h"

#include <algorithm>

namespace tidepool::staging {
namespace {

using model::Id;

// Live staged sessions of one staging config, counted by the autoscale config owning the agent.
std::map<Id, int> staged_by_autoscale_config(const PoolView& pool, const Id& staging_config_id) {
    std::map<Id, Id> owner;  // agent id -> autoscale config id
    for (const auto& agent : pool.agents) owner[agent.id] = agent.config_id;
    std::map<Id, int> counts;
    for (const auto& s : pool.sessions) {
        if (s.state != model::SessionState::staged || s.staging_config_id != staging_config_id)
            continue;
        if (s.expires_at <= pool.now) continue;  // about to be replaced: not a ready session
        auto it = owner.find(s.server_id);
        if (it != owner.end()) ++counts[it->second];
    }
    return counts;
}

const Id* home_config(const PoolView& pool, const std::vector<Id>& priority_order) {
    for (const Id& id : priority_order)
        if (!pool.inactive_configs.contains(id)) return &id;
    return nullptr;
}

}  // namespace

std::map<Id, std::vector<planner::StagingRequirement>> staging_requirements(
    const PoolView& pool, const std::vector<Id>& priority_order) {
    std::map<Id, std::vector<planner::StagingRequirement>> out;
    const Id* home = home_config(pool, priority_order);
    for (const model::StagingConfig& c : pool.configs) {
        const std::map<Id, int> staged = staged_by_autoscale_config(pool, c.id);
        // Ready sessions on other active configs' agents; an inactive config's are dropped.
        int elsewhere = 0;
        for (const auto& [config_id, count] : staged) {
            if (home != nullptr && config_id == *home) continue;
            if (!pool.inactive_configs.contains(config_id)) elsewhere += count;
        }
        const planner::Resources per_session{c.cores, c.gpus, c.memory_gib};
        for (const Id& config_id : priority_order) {
            auto it = staged.find(config_id);
            const int own = it == staged.end() ? 0 : it->second;
            int desired = own;  // no new demand outside the home config
            if (c.enabled && home != nullptr && config_id == *home)
                desired = std::max(own, c.desired_count - elsewhere);
            if (desired == 0 && own == 0) continue;
            out[config_id].push_back({c.workspace, desired, per_session, own});
        }
    }
    return out;
}

}  // namespace tidepool::staging
