// PlacementCache for agent pools (placement_cache.h): the registry's build from the store, the
// terms it depends on, and how reported writes move it.
#include "runtime/placement_cache.h"

#include <algorithm>
#include <tuple>

namespace tidepool::runtime {
namespace {

auto overrides_of(const model::AutoScaleConfig& c) {
    return std::tie(c.id, c.agent_cores_override, c.agent_gpus_override,
                    c.agent_memory_gib_override);
}

}  // namespace

bool AgentTerms::same_as(const AgentTerms& other) const {
    auto same = [](const auto& a, const auto& b) { return overrides_of(a) == overrides_of(b); };
    return inactive == other.inactive && std::equal(configs.begin(), configs.end(),
                                                    other.configs.begin(), other.configs.end(),
                                                    same);
}

Result<std::unique_ptr<placement::AgentRegistry>> PlacementCache::build_agents(
    const model::Pool& pool, const AgentTerms& terms) {
    auto servers = store_.list_servers({pool.id, std::nullopt, {}});
    if (!servers.ok()) return servers.error();
    auto held = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                      {model::SessionState::placed,
                                       model::SessionState::staged}});
    if (!held.ok()) return held.error();
    auto registry = std::make_unique<placement::AgentRegistry>(placement::fit_for(pool.placement));
    placement::fill_agent_registry(*registry, servers.value(), held.value(), terms.configs,
                                   terms.inactive);
    ++rebuilds_;
    return registry;
}

placement::AgentRegistry* PlacementCache::agent_registry(const model::Pool& pool,
                                                         const AgentTerms& terms) {
    if (store_.machine_generation() != generation_) forget_all();
    PoolView& view = pools_[pool.id];
    const auto fit = placement::fit_for(pool.placement);
    // A config edit or a schedule edge changed the terms, the operator changed the strategy,
    // or the pool was a server pool until now: start again from the store.
    if (view.registry || (view.agents && (!view.terms.same_as(terms) ||
                                          view.agents->agents().fit() != fit)))
        view = PoolView{};
    if (!view.agents) {
        auto built = build_agents(pool, terms);
        if (!built.ok()) {
            pools_.erase(pool.id);
            return nullptr;
        }
        view.agents = std::move(built.value());
        view.terms = terms;
    }
    return view.agents.get();
}

void PlacementCache::saved_agent(PoolView& view, const model::Server& server) {
    // A gone agent leaves the index by a rebuild on next use: agent pools are small and agents
    // go rarely, so the index never has to support removal.
    if (server.state == model::MachineState::gone) {
        pools_.erase(server.pool_id);
        return;
    }
    placement::admit_agent(*view.agents, server, view.terms.configs, view.terms.inactive);
}

void PlacementCache::saved_agent(PoolView& view, const model::Session& session) {
    auto& registry = *view.agents;
    const bool known = registry.holds(session.id);
    if (!placement::holds_room(session.state)) {
        if (known) (void)registry.end(session.id);
        return;
    }
    if (known) return;  // placed through agent_registry(), or a staged row taken as it was
    if (!registry.restore(session.id, session.server_id,
                          {session.cores, session.gpus, session.memory_gib}))
        pools_.erase(session.pool_id);  // an agent the index does not know: rebuild
}

}  // namespace tidepool::runtime
