#include "planner/pool_state.h"

#include <algorithm>
#include <utility>

#include "planner/rules.h"

namespace tidepool::planner {
namespace {

// Whether swapping `before` for `after` leaves every machine's contribution and the evaluation
// order unchanged, so the aggregates stay valid without a pass over the machines.
bool same_shape(PoolKind kind, const Config& before, const Config& after) {
    if (before.id != after.id || before.priority != after.priority) return false;
    // An agent's capacity comes from its config's override.
    return kind == PoolKind::kServer || before.agent_override == after.agent_override;
}

}  // namespace

PoolState::PoolState(const PoolSnapshot& snapshot)
    : model_(snapshot.id, snapshot.kind, snapshot.configs) {
    machines_.reserve(snapshot.machines.size());
    for (const Machine& m : snapshot.machines) add_machine(m);
    for (const QueuedRequest& r : snapshot.queue) queue_request(r);
}

bool PoolState::add_machine(const Machine& m) {
    auto [it, inserted] = machines_.emplace(m.id, m);
    if (!inserted) return false;
    model_.add_machine(it->second);
    return true;
}

bool PoolState::remove_machine(const std::string& id) {
    auto it = machines_.find(id);
    if (it == machines_.end()) return false;
    model_.remove_machine(it->second);
    machines_.erase(it);
    return true;
}

template <typename Change>
bool PoolState::change_machine(const std::string& id, Change change) {
    auto it = machines_.find(id);
    if (it == machines_.end()) return false;
    model_.remove_machine(it->second);
    change(it->second);
    model_.add_machine(it->second);
    return true;
}

bool PoolState::set_machine_state(const std::string& id, MachineState state) {
    return change_machine(id, [state](Machine& m) { m.state = state; });
}

bool PoolState::update_machine(const Machine& m) {
    return change_machine(m.id, [&m](Machine& stored) { stored = m; });
}

bool PoolState::session_started(const std::string& machine_id, bool new_user,
                                const Resources& resources) {
    return change_machine(machine_id, [&](Machine& m) {
        ++m.active_sessions;
        m.active_users += new_user ? 1 : 0;
        m.used.cores += resources.cores;
        m.used.gpus += resources.gpus;
        m.used.memory_gib += resources.memory_gib;
    });
}

bool PoolState::session_ended(const std::string& machine_id, bool user_left, Instant at,
                              const Resources& resources) {
    return change_machine(machine_id, [&](Machine& m) {
        m.active_sessions = std::max(0, m.active_sessions - 1);
        m.active_users = std::max(0, m.active_users - (user_left ? 1 : 0));
        m.used.cores -= resources.cores;
        m.used.gpus -= resources.gpus;
        m.used.memory_gib -= resources.memory_gib;
        m.last_session_end_at = at;
    });
}

bool PoolState::queue_request(const QueuedRequest& r) {
    auto [it, inserted] = requests_.emplace(r.id, r);
    if (!inserted) return false;
    model_.add_request(it->second);
    return true;
}

bool PoolState::dequeue_request(const std::string& id) {
    auto it = requests_.find(id);
    if (it == requests_.end()) return false;
    model_.remove_request(it->second);
    requests_.erase(it);
    return true;
}

void PoolState::update_config(const Config& c) {
    std::optional<std::size_t> index = model_.config_index(c.id);
    if (index && same_shape(model_.kind(), model_.configs()[*index], c)) {
        model_.replace_config(*index, c);
        return;
    }
    std::vector<Config> configs = model_.configs();
    if (index) {
        configs[*index] = c;
    } else {
        configs.push_back(c);
    }
    rebuild(std::move(configs));
}

bool PoolState::remove_config(const std::string& id) {
    std::optional<std::size_t> index = model_.config_index(id);
    if (!index) return false;
    std::vector<Config> configs = model_.configs();
    configs.erase(configs.begin() + static_cast<std::ptrdiff_t>(*index));
    rebuild(std::move(configs));
    return true;
}

void PoolState::rebuild(std::vector<Config> configs) {
    PoolModel fresh(model_.pool_id(), model_.kind(), std::move(configs));
    for (const auto& [id, m] : machines_) fresh.add_machine(m);
    for (const auto& [id, r] : requests_) fresh.add_request(r);
    model_ = std::move(fresh);
}

Plan PoolState::plan(Instant now) const { return evaluate(model_, now); }

PoolSnapshot PoolState::snapshot() const {
    PoolSnapshot s;
    s.id = model_.pool_id();
    s.kind = model_.kind();
    s.configs = model_.configs();
    for (const auto& [id, m] : machines_) s.machines.push_back(m);
    for (const auto& [id, r] : requests_) s.queue.push_back(r);
    std::sort(s.machines.begin(), s.machines.end(),
              [](const Machine& a, const Machine& b) { return a.id < b.id; });
    std::sort(s.queue.begin(), s.queue.end(),
              [](const QueuedRequest& a, const QueuedRequest& b) { return a.id < b.id; });
    return s;
}

const Machine* PoolState::machine(const std::string& id) const {
    auto it = machines_.find(id);
    return it == machines_.end() ? nullptr : &it->second;
}

}  // namespace tidepool::planner
