// Agent-pool placement from the store's rows: fills an AgentRegistry with the pool's agents at
// their override-aware capacity and the sessions that hold room on them. An agent counts at its
// config's current override where one is set (so raising an override takes effect for agents
// already running, as the planner counts them), else at what the agent reports. Only running
// agents whose config is active take new sessions (DESIGN §2); the others keep their slot,
// closed, so what their sessions hold is still known.
#pragma once

#include <set>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "placement/agent_registry.h"

namespace tidepool::placement {

// What one agent offers: the config's override per dimension where set, else what it reports.
Amounts agent_capacity(const model::Server& agent, const model::AutoScaleConfig* config);
// What a new agent of the config offers: its override per dimension where set, else the
// instance type's amount.
Amounts new_agent_capacity(const model::AutoScaleConfig& config);
// Whether `have` covers `need` on every dimension.
bool covers(const Amounts& have, const Amounts& need);
// Whether a session in this state holds room on its agent: placed ones, and staged ones (for
// their workspace, until a request takes them).
bool holds_room(model::SessionState state);

// The config an agent belongs to, or nullptr (an agent assigned by hand).
const model::AutoScaleConfig* config_of(const model::Server& agent,
                                        const std::vector<model::AutoScaleConfig>& configs);

// Adds the agent (or updates a known one) at its override-aware capacity, open to new sessions
// only when it runs and its config is not in `inactive`.
void admit_agent(AgentRegistry& registry, const model::Server& agent,
                 const std::vector<model::AutoScaleConfig>& configs,
                 const std::set<model::Id>& inactive);

// Admits every agent but gone ones, and restores every session that holds room on a known
// agent. `inactive` names the configs whose agents take no new sessions now.
void fill_agent_registry(AgentRegistry& registry, const std::vector<model::Server>& agents,
                         const std::vector<model::Session>& sessions,
                         const std::vector<model::AutoScaleConfig>& configs,
                         const std::set<model::Id>& inactive);

AgentFit fit_for(model::PlacementStrategy strategy);

}  // namespace tidepool::placement
