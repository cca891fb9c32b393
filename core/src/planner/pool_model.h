// Per-config aggregates of a pool: the only thing the planning rules read.
//
// The full recompute builds a PoolModel from a snapshot; PoolState keeps one up to date under
// events. Both then run the same rules on it, so "incremental equals full" reduces to "removing a
// machine exactly undoes adding it", which is what this class guarantees.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "planner/amounts.h"
#include "planner/snapshot.h"

namespace tidepool::planner {

// A running machine with no session: a removal candidate.
struct IdleEntry {
    Instant idle_since{};  // later of created_at and last_session_end_at
    std::string id;
    Amount headroom = 0;  // server pools: sessions it offers
    Vec3 free{};          // agent pools: capacity it offers
};

// Longest idle first; the id makes the order total and therefore deterministic.
struct IdleOrder {
    bool operator()(const IdleEntry& a, const IdleEntry& b) const {
        return std::tie(a.idle_since, a.id) < std::tie(b.idle_since, b.id);
    }
};

struct GroupTotals {
    int machines = 0;  // every state: what max_instances limits until the machine is gone
    int starting = 0;
    int busy = 0;
    Amount headroom = 0;                  // server pools: over machines that can take sessions
    // Server pools: the part of headroom on starting machines, all a queued request can still
    // use (the runtime places every request a running machine can take before it plans).
    Amount incoming = 0;
    Vec3 free{};                          // agent pools: over machines that can take sessions
    std::set<IdleEntry, IdleOrder> idle;  // kept only for autoscaled groups
    // Undrainable draining machines (autoscaled groups only), taken back in this order before
    // the config orders new ones; headroom/free is what each offers once undrained.
    std::set<IdleEntry, IdleOrder> draining;
};

struct QueueEntry {
    int priority_class = 0;
    Instant enqueued_at{};
    std::string id;
    Vec3 demand{};
};

// Served order: priority class, then first come, then id.
struct QueueOrder {
    bool operator()(const QueueEntry& a, const QueueEntry& b) const {
        return std::tie(a.priority_class, a.enqueued_at, a.id) <
               std::tie(b.priority_class, b.enqueued_at, b.id);
    }
};

struct QueueTotals {
    Vec3 demand{};
    std::set<QueueEntry, QueueOrder> order;
};

class PoolModel {
public:
    // Sorts configs by (priority, id): the stable evaluation order.
    PoolModel(std::string pool_id, PoolKind kind, std::vector<Config> configs);

    void add_machine(const Machine& m);
    // `m` must be the machine exactly as it was added.
    void remove_machine(const Machine& m);
    void add_request(const QueuedRequest& r);
    // `r` must be the request exactly as it was added.
    void remove_request(const QueuedRequest& r);
    // Replaces a config in place. Only for changes that leave every machine's contribution
    // and the evaluation order as they are (see PoolState::update_config).
    void replace_config(std::size_t index, Config c);

    const std::string& pool_id() const { return pool_id_; }
    PoolKind kind() const { return kind_; }
    const std::vector<Config>& configs() const { return configs_; }
    // Groups 0..configs().size()-1 follow configs(); the last holds hand-assigned machines and
    // machines of configs this pool does not know. They count as capacity, never get removed.
    const GroupTotals& group(std::size_t i) const { return groups_[i]; }
    std::size_t unmanaged_group() const { return configs_.size(); }
    const QueueTotals& queue() const { return queue_; }
    std::optional<std::size_t> config_index(const std::string& config_id) const;

private:
    struct Contribution {
        bool takes_sessions = false;
        bool starting = false;
        bool busy = false;
        bool idle = false;
        bool undrainable = false;
        IdleEntry entry;
    };

    std::size_t group_of(const std::string& config_id) const;
    Contribution contribution(const Machine& m, std::size_t group) const;

    std::string pool_id_;
    PoolKind kind_;
    std::vector<Config> configs_;
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<GroupTotals> groups_;
    QueueTotals queue_;
};

// What a new agent of this config adds: the override where set, else the instance type.
Vec3 new_agent_amount(const Config& c);

// Sessions a server can still take: min(sessions left, new users left), never negative.
Amount server_headroom(int max_sessions, std::optional<int> max_users, int active_sessions,
                       int active_users);

}  // namespace tidepool::planner
