#include "staging/staging_plan.h"

#include <algorithm>
#include <map>

#include "placement/agent_choice.h"

namespace tidepool::staging {
namespace {

using model::Id;
using model::Session;
using model::SessionState;
using model::StagingConfig;

// Soonest expiry first, ties by id: the order both surplus drops and takes use.
bool expires_sooner(const Session* a, const Session* b) {
    if (a->expires_at != b->expires_at) return a->expires_at < b->expires_at;
    return a->id < b->id;
}

const StagingConfig* find_config(const PoolView& pool, const Id& id) {
    for (const auto& c : pool.configs)
        if (c.id == id) return &c;
    return nullptr;
}

// Sorts every staged session into expire, drop or kept (per staging config).
std::map<Id, std::vector<const Session*>> classify(const PoolView& pool,
                                                   const std::set<Id>& usable, StagingPlan& plan) {
    std::map<Id, std::vector<const Session*>> kept;
    for (const Session& s : pool.sessions) {
        if (s.state != SessionState::staged) continue;
        const StagingConfig* config = find_config(pool, s.staging_config_id);
        if (config == nullptr || !config->enabled || !usable.contains(s.server_id)) {
            plan.drop.push_back(s.id);
        } else if (s.expires_at <= pool.now) {
            plan.expire.push_back(s.id);
        } else {
            kept[config->id].push_back(&s);
        }
    }
    return kept;
}

void drop_surplus(const PoolView& pool, std::map<Id, std::vector<const Session*>>& kept,
                  StagingPlan& plan) {
    for (auto& [config_id, sessions] : kept) {
        const auto desired = static_cast<std::size_t>(find_config(pool, config_id)->desired_count);
        if (sessions.size() <= desired) continue;
        std::sort(sessions.begin(), sessions.end(), expires_sooner);
        const std::size_t surplus = sessions.size() - desired;
        for (std::size_t i = 0; i < surplus; ++i) plan.drop.push_back(sessions[i]->id);
        sessions.erase(sessions.begin(), sessions.begin() + static_cast<std::ptrdiff_t>(surplus));
    }
}

// Fills `index` with the usable agents and what placed and kept staged sessions already hold.
void fill_index(placement::AgentPoolIndex& index, const PoolView& pool, const std::set<Id>& usable,
                const std::set<Id>& released) {
    for (const auto& agent : pool.agents) {
        if (!usable.contains(agent.id)) continue;
        auto config = std::find_if(pool.autoscale.begin(), pool.autoscale.end(),
                                   [&](const auto& c) { return c.id == agent.config_id; });
        auto slot = index.add_agent(
            agent.id, placement::agent_capacity(
                          agent, config == pool.autoscale.end() ? nullptr : &*config));
        index.set_available(slot, true);
    }
    for (const Session& s : pool.sessions) {
        const bool holds = s.state == SessionState::placed ||
                           (s.state == SessionState::staged && !released.contains(s.id));
        if (!holds) continue;
        if (auto slot = index.find(s.server_id))
            index.place(*slot, placement::Amounts{s.cores, s.gpus, s.memory_gib});
    }
}

void top_up(const PoolView& pool, const std::set<Id>& usable,
            const std::map<Id, std::vector<const Session*>>& kept, StagingPlan& plan) {
    std::set<Id> released(plan.drop.begin(), plan.drop.end());
    released.insert(plan.expire.begin(), plan.expire.end());
    placement::AgentPoolIndex index(pool.strategy == model::PlacementStrategy::depth_first
                                        ? placement::AgentFit::pack
                                        : placement::AgentFit::spread);
    fill_index(index, pool, usable, released);
    std::vector<const StagingConfig*> configs;
    for (const auto& c : pool.configs) configs.push_back(&c);
    std::sort(configs.begin(), configs.end(), [](auto* a, auto* b) { return a->id < b->id; });
    for (const StagingConfig* c : configs) {
        if (!c->enabled) continue;
        auto it = kept.find(c->id);
        int missing = c->desired_count - (it == kept.end() ? 0 : static_cast<int>(it->second.size()));
        const placement::Amounts need{c->cores, c->gpus, c->memory_gib};
        for (; missing > 0; --missing) {
            auto slot = index.choose(need);
            if (!slot) break;  // the planner counts what is still missing and orders agents
            index.place(*slot, need);
            plan.create.push_back({c->id, index.id_of(*slot)});
        }
    }
}

}  // namespace

std::set<Id> usable_agents(const PoolView& pool) {
    std::set<Id> usable;
    for (const auto& agent : pool.agents) {
        if (agent.state != model::MachineState::running) continue;
        if (pool.inactive_configs.contains(agent.config_id)) continue;
        usable.insert(agent.id);
    }
    return usable;
}

StagingPlan plan_staging(const PoolView& pool) {
    StagingPlan plan;
    const std::set<Id> usable = usable_agents(pool);
    auto kept = classify(pool, usable, plan);
    drop_surplus(pool, kept, plan);
    top_up(pool, usable, kept, plan);
    return plan;
}

std::optional<Id> take_staged(const PoolView& pool, std::string_view workspace) {
    const std::set<Id> usable = usable_agents(pool);
    const Session* best = nullptr;
    for (const Session& s : pool.sessions) {
        if (s.state != SessionState::staged || s.workspace != workspace) continue;
        if (s.expires_at <= pool.now || !usable.contains(s.server_id)) continue;
        const StagingConfig* config = find_config(pool, s.staging_config_id);
        if (config == nullptr || !config->enabled) continue;
        if (best == nullptr || expires_sooner(&s, best)) best = &s;
    }
    if (best == nullptr) return std::nullopt;
    return best->id;
}

}  // namespace tidepool::staging
