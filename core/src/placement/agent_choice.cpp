#include "placement/agent_choice.h"

#include <algorithm>

namespace tidepool::placement {

Amounts agent_capacity(const model::Server& agent, const model::AutoScaleConfig* config) {
    if (!config) return Amounts{agent.cores, agent.gpus, agent.memory_gib};
    return Amounts{config->agent_cores_override.value_or(agent.cores),
                   config->agent_gpus_override.value_or(agent.gpus),
                   config->agent_memory_gib_override.value_or(agent.memory_gib)};
}

std::optional<model::Id> choose_agent(const std::vector<model::Server>& agents,
                                      const std::vector<model::Session>& placed,
                                      const std::vector<model::AutoScaleConfig>& configs,
                                      Amounts need, model::PlacementStrategy strategy) {
    AgentPoolIndex index(strategy == model::PlacementStrategy::depth_first ? AgentFit::pack
                                                                           : AgentFit::spread);
    index.reserve(agents.size());
    for (const auto& agent : agents) {
        if (agent.state != model::MachineState::running) continue;
        auto config = std::find_if(configs.begin(), configs.end(),
                                   [&](const auto& c) { return c.id == agent.config_id; });
        auto slot = index.add_agent(
            agent.id, agent_capacity(agent, config == configs.end() ? nullptr : &*config));
        index.set_available(slot, true);
    }
    for (const auto& session : placed) {
        // A staged session holds capacity for its workspace until a request takes it.
        if (session.state != model::SessionState::placed &&
            session.state != model::SessionState::staged)
            continue;
        if (auto slot = index.find(session.server_id))
            index.place(*slot, Amounts{session.cores, session.gpus, session.memory_gib});
    }
    auto slot = index.choose(need);
    if (!slot) return std::nullopt;
    return index.id_of(*slot);
}

}  // namespace tidepool::placement
