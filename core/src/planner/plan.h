// The planner's output: per config, what to create, remove and unstage, with the decision.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "planner/decision.h"
#include "planner/snapshot.h"

namespace tidepool::planner {

// Staged sessions an inactive agent config must drop (they hold capacity nobody may use).
struct StagedDrop {
    std::string workspace;
    int count = 0;

    bool operator==(const StagedDrop&) const = default;
};

struct ConfigPlan {
    std::string config_id;
    int create = 0;
    // Idle machines to delete, in the order chosen: longest idle first (idle since the later of
    // created_at and last_session_end_at; ties by id). Starting machines are never chosen.
    std::vector<std::string> remove;
    // Draining machines to take back into service, before (and instead of) ordering new ones.
    std::vector<std::string> undrain;
    std::vector<StagedDrop> drop_staged;
    Decision decision;

    bool operator==(const ConfigPlan&) const = default;
};

// Pool-wide view for `explain`: the need before this plan and what no config could cover.
struct PoolSummary {
    std::int64_t queued = 0;
    bool short_before = false;  // the pool was short before this plan's orders
    bool short_after = false;   // still short after every config had its turn
    // Server pools (sessions).
    std::int64_t headroom = 0;  // after inactive configs' removals, before any order
    std::int64_t target = 0;    // largest minimum among active configs
    std::int64_t remaining_shortfall = 0;
    // Agent pools (human units).
    Resources free;
    Resources need;
    Resources remaining;
    std::string reason;

    bool operator==(const PoolSummary&) const = default;
};

struct Plan {
    std::string pool_id;
    PoolKind kind = PoolKind::kServer;
    std::vector<ConfigPlan> configs;  // in evaluation order: (priority, id)
    PoolSummary summary;

    bool operator==(const Plan&) const = default;
};

}  // namespace tidepool::planner
