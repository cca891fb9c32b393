// Incremental planner state for one pool: aggregates kept up to date under events, so a plan
// after each event costs O(configs + removals + queue for aggressive agent configs) instead of a
// pass over every machine.
//
// Each machine or request event is O(log n): the state retracts the machine's old contribution
// and adds the new one. plan(now) gives exactly what planner::plan(snapshot(), now) gives.
// Not thread-safe; the caller serialises events per pool.
#pragma once

#include <string>
#include <unordered_map>

#include "planner/plan.h"
#include "planner/pool_model.h"
#include "planner/snapshot.h"

namespace tidepool::planner {

class PoolState {
public:
    explicit PoolState(const PoolSnapshot& snapshot);

    // Machines. Each returns false (and changes nothing) for an unknown id, or for add_machine,
    // a duplicate one.
    bool add_machine(const Machine& m);
    bool remove_machine(const std::string& id);
    bool set_machine_state(const std::string& id, MachineState state);
    // Replaces everything known about one machine (e.g. a fresh status report).
    bool update_machine(const Machine& m);

    // Sessions. `new_user`: the session's user had no session on this machine yet;
    // `user_left`: it was that user's last one. `resources`: what the session holds (agents).
    bool session_started(const std::string& machine_id, bool new_user,
                         const Resources& resources = {});
    bool session_ended(const std::string& machine_id, bool user_left, Instant at,
                       const Resources& resources = {});

    // On-demand queue.
    bool queue_request(const QueuedRequest& r);
    bool dequeue_request(const std::string& id);

    // Configs. Flags, thresholds, backoff and staging apply in O(1); a new or removed config, a
    // priority change, or (agent pools) a change to what an agent provides re-aggregates the pool
    // in O(n log n), since they move machines between groups or change their capacity.
    void update_config(const Config& c);
    bool remove_config(const std::string& id);

    Plan plan(Instant now) const;

    // The state as a snapshot (O(n)); machines ordered by id, requests by id.
    PoolSnapshot snapshot() const;
    const Machine* machine(const std::string& id) const;

private:
    template <typename Change>
    bool change_machine(const std::string& id, Change change);
    void rebuild(std::vector<Config> configs);

    PoolModel model_;
    std::unordered_map<std::string, Machine> machines_;
    std::unordered_map<std::string, QueuedRequest> requests_;
};

}  // namespace tidepool::planner
