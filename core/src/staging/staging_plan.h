// Staged sessions of one agent pool: which to expire, which to drop, where to create new ones,
// and which one a user's request takes. Pure: the runtime gathers the rows, applies the plan.
//
// Rules (DESIGN §2, agent pools):
//  - A staged session is dropped when its staging config is gone or disabled, when its agent
//    no longer runs, or when the autoscale config that owns the agent is inactive (an inactive
//    config removes its unused staged sessions and takes no new sessions).
//  - One past its expires_at is expired; the refill below replaces it.
//  - A config holding more than desired_count (the count was lowered) drops the surplus,
//    soonest-expiring first: those would have been replaced soonest anyway.
//  - Each enabled config is topped up to desired_count on usable agents with room, chosen as
//    user sessions are (spread or pack); what does not fit now waits for the planner's agents.
//  - A request for a workspace takes the usable staged session of that workspace that expires
//    soonest (ties by id), so the freshest ones stay ready longest.
#pragma once

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "model/staging.h"

namespace tidepool::staging {

struct PoolView {
    std::vector<model::StagingConfig> configs;       // the pool's staging configs
    std::vector<model::Server> agents;               // the pool's agents, any state
    std::vector<model::AutoScaleConfig> autoscale;   // the pool's configs (agent overrides)
    std::set<model::Id> inactive_configs;            // autoscale configs inactive right now
    std::vector<model::Session> sessions;            // the pool's placed and staged sessions
    model::PlacementStrategy strategy = model::PlacementStrategy::breadth_first;
    model::Instant now{};
};

struct StagedCreate {
    model::Id staging_config_id;
    model::Id agent_id;

    bool operator==(const StagedCreate&) const = default;
};

struct StagingPlan {
    std::vector<model::Id> expire;       // staged sessions past their expiry
    std::vector<model::Id> drop;         // staged sessions no longer wanted where they are
    std::vector<StagedCreate> create;    // in config id order

    bool operator==(const StagingPlan&) const = default;
};

// Agents that may hold sessions: running, and not owned by an inactive autoscale config.
std::set<model::Id> usable_agents(const PoolView& pool);

StagingPlan plan_staging(const PoolView& pool);

// The staged session a request for `workspace` takes, or nullopt (place it the usual way).
std::optional<model::Id> take_staged(const PoolView& pool, std::string_view workspace);

}  // namespace tidepool::staging
