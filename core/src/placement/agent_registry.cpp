#include "placement/agent_registry.h"

namespace tidepool::placement {

std::optional<AgentSlot> AgentRegistry::place(const model::Id& session_id, Amounts need) {
    if (holds(session_id)) return std::nullopt;
    auto slot = index_.choose(need);
    if (!slot) return std::nullopt;
    index_.place(*slot, need);
    held_.emplace(session_id, Held{*slot, need});
    return slot;
}

bool AgentRegistry::restore(const model::Id& session_id, const model::Id& agent_id,
                            Amounts held) {
    auto slot = index_.find(agent_id);
    if (!slot || holds(session_id)) return false;
    index_.place(*slot, held);
    held_.emplace(session_id, Held{*slot, held});
    return true;
}

bool AgentRegistry::end(const model::Id& session_id) {
    auto it = held_.find(session_id);
    if (it == held_.end()) return false;
    index_.end(it->second.slot, it->second.amounts);
    held_.erase(it);
    return true;
}

}  // namespace tidepool::placement
