// The indexed placement structure for one agent pool (DESIGN §2): which container host takes a
// session that needs some cores, GPUs and memory. Capacities are what each agent offers after
// the config's overrides (oversubscription allowed), so the caller passes the overridden value.
//
// Agents sit in one ordered set keyed by free cores (then id, for deterministic ties): spread
// walks from the most free cores down, pack from the fewest free cores that still fit up. Both
// stop at the first agent whose free GPUs and memory also fit, so a decision is O(log n) plus
// the agents skipped because GPUs or memory, not cores, ran short. Honest limit: when nearly
// every agent with enough cores is short of GPUs or memory, that walk is linear; pools that
// mix GPU and CPU-only sessions on the same agents are where this shows.
//
// Amounts are kept in thousandths (the planner's rounding) so repeated place/end never drift.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/ids.h"

namespace tidepool::placement {

using AgentSlot = std::uint32_t;

struct Amounts {
    double cores = 0;
    double gpus = 0;
    double memory_gib = 0;
};

enum class AgentFit {
    spread,  // most free cores first: sessions spread evenly over the agents
    pack,    // fewest free cores that fit: fill agents so idle ones can be removed
};

class AgentPoolIndex {
public:
    explicit AgentPoolIndex(AgentFit fit);
    AgentPoolIndex(const AgentPoolIndex&) = delete;
    AgentPoolIndex& operator=(const AgentPoolIndex&) = delete;

    void reserve(std::size_t agents);
    // Adds an agent (unavailable until set_available(true)); a known id keeps its slot and
    // gets the new capacity.
    AgentSlot add_agent(const model::Id& id, Amounts capacity);
    void set_available(AgentSlot slot, bool available);
    std::optional<AgentSlot> find(const model::Id& id) const;

    // The agent for a session needing `need`, or nullopt (queue it, or order an agent).
    std::optional<AgentSlot> choose(Amounts need) const;
    void place(AgentSlot slot, Amounts need);
    void end(AgentSlot slot, Amounts need);

    const model::Id& id_of(AgentSlot slot) const { return agents_[slot].id; }
    Amounts free_on(AgentSlot slot) const;
    Amounts capacity_of(AgentSlot slot) const;
    std::size_t agent_count() const { return agents_.size(); }
    AgentFit fit() const { return fit_; }
    int sessions_on(AgentSlot slot) const { return agents_[slot].sessions; }

private:
    struct Milli {
        std::int64_t cores = 0, gpus = 0, memory = 0;
    };
    struct Agent {
        model::Id id;
        Milli capacity;
        Milli used;
        int sessions = 0;
        bool available = false;
        bool indexed = false;
    };
    struct Key {
        std::int64_t free_cores = 0;
        AgentSlot slot = 0;
    };
    // Transparent, so a walk can start at "the first agent with at least N free cores".
    struct KeyLess {
        using is_transparent = void;
        const std::vector<Agent>* agents;
        bool operator()(const Key& a, const Key& b) const;
        bool operator()(const Key& a, std::int64_t cores) const { return a.free_cores < cores; }
        bool operator()(std::int64_t cores, const Key& b) const { return cores < b.free_cores; }
    };
    using Order = std::set<Key, KeyLess>;

    static Milli milli(Amounts a);
    bool fits_besides_cores(const Agent& agent, const Milli& need) const;
    void reindex(AgentSlot slot);

    AgentFit fit_;
    std::vector<Agent> agents_;
    std::vector<Order::iterator> where_;
    std::unordered_map<model::Id, AgentSlot> slots_;
    Order order_;
    Order spare_;  // unavailable agents' nodes, so moving in and out never allocates
};

}  // namespace tidepool::placement
