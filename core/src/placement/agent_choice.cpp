#include "placement/agent_choice.h"

#include <algorithm>

namespace tidepool::placement {

Amounts agent_capacity(const model::Server& agent, const model::AutoScaleConfig* config) {
    if (!config) return Amounts{agent.cores, agent.gpus, agent.memory_gib};
    return Amounts{config->agent_cores_override.value_or(agent.cores),
                   config->agent_gpus_override.value_or(agent.gpus),
                   config->agent_memory_gib_override.value_or(agent.memory_gib)};
}

Amounts new_agent_capacity(const model::AutoScaleConfig& config) {
    model::Server reported;  // what the instance type offers, before overrides
    reported.cores = config.agent_cores;
    reported.gpus = config.agent_gpus;
    reported.memory_gib = config.agent_memory_gib;
    return agent_capacity(reported, &config);
}

bool covers(const Amounts& have, const Amounts& need) {
    return have.cores >= need.cores && have.gpus >= need.gpus &&
           have.memory_gib >= need.memory_gib;
}

bool holds_room(model::SessionState state) {
    return state == model::SessionState::placed || state == model::SessionState::staged;
}

const model::AutoScaleConfig* config_of(const model::Server& agent,
                                        const std::vector<model::AutoScaleConfig>& configs) {
    auto c = std::find_if(configs.begin(), configs.end(),
                          [&](const auto& config) { return config.id == agent.config_id; });
    return c == configs.end() ? nullptr : &*c;
}

void admit_agent(AgentRegistry& registry, const model::Server& agent,
                 const std::vector<model::AutoScaleConfig>& configs,
                 const std::set<model::Id>& inactive) {
    auto slot = registry.agents().add_agent(agent.id,
                                            agent_capacity(agent, config_of(agent, configs)));
    registry.agents().set_available(slot, agent.state == model::MachineState::running &&
                                              !inactive.contains(agent.config_id));
}

void fill_agent_registry(AgentRegistry& registry, const std::vector<model::Server>& agents,
                         const std::vector<model::Session>& sessions,
                         const std::vector<model::AutoScaleConfig>& configs,
                         const std::set<model::Id>& inactive) {
    registry.agents().reserve(agents.size());
    for (const auto& agent : agents)
        if (agent.state != model::MachineState::gone)
            admit_agent(registry, agent, configs, inactive);
    for (const auto& s : sessions)
        if (holds_room(s.state))
            (void)registry.restore(s.id, s.server_id, Amounts{s.cores, s.gpus, s.memory_gib});
}

AgentFit fit_for(model::PlacementStrategy strategy) {
    return strategy == model::PlacementStrategy::depth_first ? AgentFit::pack : AgentFit::spread;
}

}  // namespace tidepool::placement
