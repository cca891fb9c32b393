// Agent-pool placement from the store's rows: builds an AgentPoolIndex over the pool's running
// agents and asks it where a session needing some cores, GPUs and memory goes. An agent counts
// at its config's current override where one is set (so raising an override takes effect for
// agents already running, as the planner counts them), else at what the agent reports, minus
// what its placed sessions use. Spread for breadth-first pools, pack for depth-first ones.
#pragma once

#include <optional>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "placement/agent_index.h"

namespace tidepool::placement {

// What one agent offers: the config's override per dimension where set, else what it reports.
Amounts agent_capacity(const model::Server& agent, const model::AutoScaleConfig* config);

// The agent for the session, or nullopt (queue it). `agents` may hold any state: only running
// ones take sessions. `placed` are the pool's placed and staged sessions (their amounts are in
// use).
std::optional<model::Id> choose_agent(const std::vector<model::Server>& agents,
                                      const std::vector<model::Session>& placed,
                                      const std::vector<model::AutoScaleConfig>& configs,
                                      Amounts need, model::PlacementStrategy strategy);

}  // namespace tidepool::placement
