// Pieces both pool kinds' rules share (internal to the planner).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "planner/plan.h"
#include "planner/pool_model.h"

namespace tidepool::planner {

// Inside the downscale backoff a config removes nothing: now < last_scale_up_at + backoff.
struct Backoff {
    bool holding = false;
    std::int64_t remaining_s = 0;
    Instant until{};
};
Backoff backoff_at(const Config& c, Instant now);

// How many more machines the config may order now: none while the provider reports no
// capacity, else what max_instances leaves over the config's machines in any state.
std::int64_t room_for(const Config& c, const GroupTotals& g);

// A ConfigPlan whose decision carries the config's inputs; the rules add numbers and outcome.
ConfigPlan start_config_plan(const Config& c, const GroupTotals& g, PoolKind kind, Instant now);

// Records the outcome in both the plan and its decision, derives the action, writes the reason.
// Machines to undrain go in p.decision.undrain first; they are copied to the plan too.
void set_outcome(ConfigPlan& p, ReasonCode code, std::int64_t create,
                 std::vector<std::string> remove);

// An empty plan for the pool: one ConfigPlan per config in evaluation order.
Plan start_plan(const PoolModel& m, Instant now);

// Inactive configs give back every idle machine once the backoff allows; returns the ids.
std::vector<std::string> all_idle_ids(const GroupTotals& g);

}  // namespace tidepool::planner
