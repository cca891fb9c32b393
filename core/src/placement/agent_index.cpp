#include "placement/agent_index.h"

#include <cmath>

namespace tidepool::placement {

bool AgentPoolIndex::KeyLess::operator()(const Key& a, const Key& b) const {
    if (a.free_cores != b.free_cores) return a.free_cores < b.free_cores;
    return (*agents)[a.slot].id < (*agents)[b.slot].id;
}

AgentPoolIndex::AgentPoolIndex(AgentFit fit)
    : fit_(fit), order_(KeyLess{&agents_}), spare_(KeyLess{&agents_}) {}

void AgentPoolIndex::reserve(std::size_t agents) {
    agents_.reserve(agents);
    where_.reserve(agents);
    slots_.reserve(agents);
}

AgentPoolIndex::Milli AgentPoolIndex::milli(Amounts a) {
    auto m = [](double v) { return static_cast<std::int64_t>(std::llround(v * 1000)); };
    return Milli{m(a.cores), m(a.gpus), m(a.memory_gib)};
}

AgentSlot AgentPoolIndex::add_agent(const model::Id& id, Amounts capacity) {
    if (auto known = find(id)) {
        agents_[*known].capacity = milli(capacity);
        reindex(*known);
        return *known;
    }
    auto slot = static_cast<AgentSlot>(agents_.size());
    agents_.push_back(Agent{id, milli(capacity), {}, 0, false, false});
    slots_.emplace(id, slot);
    where_.push_back(spare_.insert(Key{0, slot}).first);
    return slot;
}

std::optional<AgentSlot> AgentPoolIndex::find(const model::Id& id) const {
    auto it = slots_.find(id);
    if (it == slots_.end()) return std::nullopt;
    return it->second;
}

void AgentPoolIndex::set_available(AgentSlot slot, bool available) {
    agents_[slot].available = available;
    reindex(slot);
}

void AgentPoolIndex::reindex(AgentSlot slot) {
    Agent& a = agents_[slot];
    std::int64_t free_cores = a.available ? a.capacity.cores - a.used.cores : 0;
    if (a.indexed == a.available && where_[slot]->free_cores == free_cores) return;
    auto node = (a.indexed ? order_ : spare_).extract(where_[slot]);
    node.value().free_cores = free_cores;
    where_[slot] = (a.available ? order_ : spare_).insert(std::move(node)).position;
    a.indexed = a.available;
}

bool AgentPoolIndex::fits_besides_cores(const Agent& agent, const Milli& need) const {
    return agent.capacity.gpus - agent.used.gpus >= need.gpus &&
           agent.capacity.memory - agent.used.memory >= need.memory;
}

std::optional<AgentSlot> AgentPoolIndex::choose(Amounts need) const {
    Milli n = milli(need);
    if (fit_ == AgentFit::pack) {
        // The first key with enough free cores; lower ids first among equals.
        for (auto it = order_.lower_bound(n.cores); it != order_.end(); ++it) {
            if (fits_besides_cores(agents_[it->slot], n)) return it->slot;
        }
        return std::nullopt;
    }
    // Spread: from the most free cores down. Among equal free cores the walk meets the highest
    // id first, so hop to the first of that run to keep lowest-id-wins.
    for (auto it = order_.end(); it != order_.begin();) {
        --it;
        if (it->free_cores < n.cores) break;
        auto first = order_.lower_bound(it->free_cores);
        for (auto run = first;; ++run) {
            if (fits_besides_cores(agents_[run->slot], n)) return run->slot;
            if (run == it) break;
        }
        it = first;
    }
    return std::nullopt;
}

void AgentPoolIndex::place(AgentSlot slot, Amounts need) {
    Milli n = milli(need);
    Agent& a = agents_[slot];
    a.used.cores += n.cores;
    a.used.gpus += n.gpus;
    a.used.memory += n.memory;
    ++a.sessions;
    reindex(slot);
}

void AgentPoolIndex::end(AgentSlot slot, Amounts need) {
    Milli n = milli(need);
    Agent& a = agents_[slot];
    if (a.sessions == 0) return;
    a.used.cores -= n.cores;
    a.used.gpus -= n.gpus;
    a.used.memory -= n.memory;
    --a.sessions;
    reindex(slot);
}

Amounts AgentPoolIndex::free_on(AgentSlot slot) const {
    const Agent& a = agents_[slot];
    return Amounts{static_cast<double>(a.capacity.cores - a.used.cores) / 1000,
                   static_cast<double>(a.capacity.gpus - a.used.gpus) / 1000,
                   static_cast<double>(a.capacity.memory - a.used.memory) / 1000};
}

Amounts AgentPoolIndex::capacity_of(AgentSlot slot) const {
    const Milli& c = agents_[slot].capacity;
    return Amounts{static_cast<double>(c.cores) / 1000, static_cast<double>(c.gpus) / 1000,
                   static_cast<double>(c.memory) / 1000};
}

}  // namespace tidepool::placement
