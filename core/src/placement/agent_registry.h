// The placed and staged sessions of one agent pool, held next to its AgentPoolIndex so that
// placing and ending a session by id is O(log agents) and reads no table: the agent-pool
// counterpart of SessionRegistry. Each session's amounts are kept with it, so ending it frees
// exactly what placing it took, whatever the caller still knows.
//
// The runtime keeps one per agent pool (runtime/placement_cache.h), rebuilt from the store and
// kept current on every write; the store stays the durable record.
#pragma once

#include <optional>
#include <unordered_map>

#include "model/ids.h"
#include "placement/agent_index.h"

namespace tidepool::placement {

class AgentRegistry {
public:
    explicit AgentRegistry(AgentFit fit) : index_(fit) {}

    AgentPoolIndex& agents() { return index_; }
    const AgentPoolIndex& agents() const { return index_; }

    // Chooses an agent for the session and records it there; nullopt when none can hold it
    // or the id is already recorded (nothing is recorded then).
    std::optional<AgentSlot> place(const model::Id& session_id, Amounts need);
    // Records a session the store already has on a known agent. False when the agent is
    // unknown or the id is already recorded.
    bool restore(const model::Id& session_id, const model::Id& agent_id, Amounts held);
    // Frees what the session held; false when it is not recorded here.
    bool end(const model::Id& session_id);
    bool holds(const model::Id& session_id) const { return held_.contains(session_id); }

private:
    struct Held {
        AgentSlot slot = 0;
        Amounts amounts;
    };
    AgentPoolIndex index_;
    std::unordered_map<model::Id, Held> held_;
};

}  // namespace tidepool::placement
