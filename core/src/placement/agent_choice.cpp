#include "placement/agent_choice.h"

#include <algorithm>

namespace tidepool::placement {

Amounts agent_capacity(const model::Server& agent, const model::AutoScaleConfig* config) {
    if (!config) return Amounts{agent.cores, agent.gpus, agent.memory_gib};
    return Amounts{config->agent_cores_override.value_or(agent.cores),
                   config->agent_gpus_override.value_or(agent.gpus),
                   config->agent_memory_gib_override.value_or(agent.memory_gib)};
}

const model::AutoScaleConfig* config_of(const model::Server& agent,
                                        const std::vector<model::AutoScaleConfig>& configs) {
    auto c = std::find_if(configs.begin(), configs.end(),
                          [&](const auto& config) { return config.id == agent.config_id; });
    return c == configs.end() ? nullptr : &*c;
}

void fill_agent_registry(AgentRegistry& registry, const std::vector<model::Server>& agents,
                         const std::vector<model::Session>& sessions,
                         const std::vector<model::AutoScaleConfig>& configs,
                         const std::set<model::Id>& inactive) {
    registry.agents().reserve(agents.size());
    for (const auto& agent : agents) {
        if (agent.state == model::MachineState::gone) continue;
        auto slot = registry.agents().add_agent(agent.id,
                                                agent_capacity(agent, config_of(agent, configs)));
        registry.agents().set_available(slot, agent.state == model::MachineState::running &&
                                                  !inactive.contains(agent.config_id));
    }
    for (const auto& s : sessions) {
        if (s.state != model::SessionState::placed && s.state != model::SessionState::staged)
            continue;
        (void)registry.restore(s.id, s.server_id, Amounts{s.cores, s.gpus, s.memory_gib});
    }
}

AgentFit fit_for(model::PlacementStrategy strategy) {
    return strategy == model::PlacementStrategy::depth_first ? AgentFit::pack : AgentFit::spread;
}

}  // namespace tidepool::placement
