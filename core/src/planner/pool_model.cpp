#include "planner/pool_model.h"

#include <algorithm>
#include <utility>

namespace tidepool::planner {
namespace {

Amount override_or(const std::optional<double>& over, double reported) {
    return to_amount(over ? *over : reported);
}

// An existing agent's capacity: the config's override replaces what the agent reports.
Vec3 agent_capacity(const Machine& m, const Config* c) {
    if (c == nullptr) return to_vec(m.reported);
    return {override_or(c->agent_override.cores, m.reported.cores),
            override_or(c->agent_override.gpus, m.reported.gpus),
            override_or(c->agent_override.memory_gib, m.reported.memory_gib)};
}

bool takes_sessions(MachineState s) {
    // Starting machines count so capacity that is already booting is not ordered twice.
    return s == MachineState::kStarting || s == MachineState::kRunning;
}

}  // namespace

Vec3 new_agent_amount(const Config& c) {
    return {override_or(c.agent_override.cores, c.agent_instance.cores),
            override_or(c.agent_override.gpus, c.agent_instance.gpus),
            override_or(c.agent_override.memory_gib, c.agent_instance.memory_gib)};
}

Amount server_headroom(int max_sessions, std::optional<int> max_users, int active_sessions,
                       int active_users) {
    Amount left = static_cast<Amount>(max_sessions) - active_sessions;
    if (max_users) left = std::min(left, static_cast<Amount>(*max_users) - active_users);
    return std::max<Amount>(0, left);
}

PoolModel::PoolModel(std::string pool_id, PoolKind kind, std::vector<Config> configs)
    : pool_id_(std::move(pool_id)), kind_(kind), configs_(std::move(configs)) {
    std::sort(configs_.begin(), configs_.end(), [](const Config& a, const Config& b) {
        return std::tie(a.priority, a.id) < std::tie(b.priority, b.id);
    });
    for (std::size_t i = 0; i < configs_.size(); ++i) index_.emplace(configs_[i].id, i);
    groups_.resize(configs_.size() + 1);
}

std::optional<std::size_t> PoolModel::config_index(const std::string& config_id) const {
    auto it = index_.find(config_id);
    if (it == index_.end()) return std::nullopt;
    return it->second;
}

std::size_t PoolModel::group_of(const std::string& config_id) const {
    if (config_id.empty()) return unmanaged_group();
    return config_index(config_id).value_or(unmanaged_group());
}

PoolModel::Contribution PoolModel::contribution(const Machine& m, std::size_t group) const {
    const Config* c = group < configs_.size() ? &configs_[group] : nullptr;
    Contribution out;
    out.takes_sessions = takes_sessions(m.state);
    out.starting = m.state == MachineState::kStarting;
    out.busy = m.active_sessions > 0;
    out.idle = c != nullptr && m.state == MachineState::kRunning && !out.busy;
    out.undrainable = c != nullptr && m.state == MachineState::kDraining && m.undrainable;
    out.entry.idle_since = std::max(m.created_at, m.last_session_end_at.value_or(m.created_at));
    out.entry.id = m.id;
    if (kind_ == PoolKind::kServer) {
        out.entry.headroom =
            server_headroom(m.max_sessions, m.max_users, m.active_sessions, m.active_users);
    } else {
        out.entry.free = clamp_low(agent_capacity(m, c) - to_vec(m.used));
    }
    return out;
}

void PoolModel::add_machine(const Machine& m) {
    std::size_t g = group_of(m.config_id);
    Contribution c = contribution(m, g);
    GroupTotals& t = groups_[g];
    ++t.machines;
    t.starting += c.starting ? 1 : 0;
    t.busy += c.busy ? 1 : 0;
    if (c.takes_sessions) {
        t.headroom += c.entry.headroom;
        t.free += c.entry.free;
    }
    if (c.starting) t.incoming += c.entry.headroom;
    if (c.undrainable) t.draining.insert(c.entry);
    if (c.idle) t.idle.insert(std::move(c.entry));
}

void PoolModel::remove_machine(const Machine& m) {
    std::size_t g = group_of(m.config_id);
    Contribution c = contribution(m, g);
    GroupTotals& t = groups_[g];
    --t.machines;
    t.starting -= c.starting ? 1 : 0;
    t.busy -= c.busy ? 1 : 0;
    if (c.takes_sessions) {
        t.headroom -= c.entry.headroom;
        t.free -= c.entry.free;
    }
    if (c.starting) t.incoming -= c.entry.headroom;
    if (c.undrainable) t.draining.erase(c.entry);
    if (c.idle) t.idle.erase(c.entry);
}

void PoolModel::add_request(const QueuedRequest& r) {
    Vec3 demand = kind_ == PoolKind::kAgent ? to_vec(r.resources) : Vec3{};
    queue_.demand += demand;
    queue_.order.insert(QueueEntry{r.priority_class, r.enqueued_at, r.id, demand});
}

void PoolModel::remove_request(const QueuedRequest& r) {
    Vec3 demand = kind_ == PoolKind::kAgent ? to_vec(r.resources) : Vec3{};
    queue_.demand -= demand;
    queue_.order.erase(QueueEntry{r.priority_class, r.enqueued_at, r.id, demand});
}

void PoolModel::replace_config(std::size_t index, Config c) { configs_[index] = std::move(c); }

}  // namespace tidepool::planner
