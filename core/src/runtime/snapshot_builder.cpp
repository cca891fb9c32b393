#include "runtime/snapshot_builder.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "planner/forecast.h"
#include "staging/staging_requirements.h"

namespace tidepool::runtime {
namespace {

planner::MachineState machine_state(model::MachineState s) {
    switch (s) {
        case model::MachineState::starting: return planner::MachineState::kStarting;
        case model::MachineState::running: return planner::MachineState::kRunning;
        case model::MachineState::draining: return planner::MachineState::kDraining;
        case model::MachineState::deleting: return planner::MachineState::kDeleting;
        case model::MachineState::gone:
        case model::MachineState::failed: return planner::MachineState::kFailed;
    }
    return planner::MachineState::kFailed;
}

planner::Machine machine_of(const model::Server& s) {
    planner::Machine m;
    m.id = s.id;
    m.config_id = s.config_id;
    m.state = machine_state(s.state);
    m.max_sessions = s.max_sessions;
    m.max_users = s.max_users;
    m.created_at = s.created_at;
    if (s.last_session_end_at > model::Instant{}) m.last_session_end_at = s.last_session_end_at;
    m.reported = {s.cores, s.gpus, s.memory_gib};
    return m;
}

// What the sessions hold, machine by machine: one pass over the sessions (a pool may hold
// hundreds of thousands), then distinct users per machine by sorting the (machine, user) pairs.
void add_usage(const std::vector<model::Session>& sessions,
               const std::unordered_map<std::string_view, std::size_t>& machine_at,
               std::vector<planner::Machine>& machines) {
    std::vector<std::pair<std::size_t, std::string_view>> users;
    for (const auto& session : sessions) {
        // A staged session holds its agent's capacity like a user's and keeps the agent busy.
        const bool staged = session.state == model::SessionState::staged;
        if (session.state != model::SessionState::placed && !staged) continue;
        auto at = machine_at.find(session.server_id);
        if (at == machine_at.end()) continue;
        planner::Machine& m = machines[at->second];
        ++m.active_sessions;
        if (!staged) users.emplace_back(at->second, session.user);
        m.used.cores += session.cores;
        m.used.gpus += session.gpus;
        m.used.memory_gib += session.memory_gib;
    }
    std::sort(users.begin(), users.end());
    users.erase(std::unique(users.begin(), users.end()), users.end());
    for (const auto& [machine, user] : users) ++machines[machine].active_users;
}

planner::Config config_of(const model::AutoScaleConfig& c, const ConfigFacts& f) {
    planner::Config out;
    out.id = c.id;
    out.priority = c.priority;
    out.active = f.active;
    out.max_instances = f.max_instances;
    out.provider_capacity_blocked = f.capacity_blocked;
    out.downscale_backoff_s = c.downscale_backoff_s;
    out.last_scale_up_at = f.last_scale_up_at;
    out.aggressive = c.aggressive;
    out.min_available_sessions = c.min_available_sessions;
    out.new_server_max_sessions = c.max_sessions_per_server;
    out.new_server_max_users = c.max_users_per_server;
    out.standby = {c.standby_cores, c.standby_gpus, c.standby_memory_gib};
    out.agent_instance = {c.agent_cores, c.agent_gpus, c.agent_memory_gib};
    out.agent_override = {c.agent_cores_override, c.agent_gpus_override,
                          c.agent_memory_gib_override};
    return out;
}

planner::QueuedRequest queued_of(const model::Session& s) {
    planner::QueuedRequest q;
    q.id = s.id;
    q.user = s.user;
    q.kind = s.kind == model::SessionKind::desktop ? planner::RequestKind::kDesktop
                                                   : planner::RequestKind::kApp;
    q.resources = {s.cores, s.gpus, s.memory_gib};
    q.priority_class = -s.priority;  // the planner serves lower classes first
    q.enqueued_at = s.requested_at;
    return q;
}

// A drained server of a reusable config may be taken back when demand returns; a single-use
// server drains because it served its one session and must go.
bool undrainable(const model::Server& s, const std::vector<model::AutoScaleConfig>& configs) {
    if (s.state != model::MachineState::draining) return false;
    auto c = std::find_if(configs.begin(), configs.end(),
                          [&](const auto& config) { return config.id == s.config_id; });
    return c != configs.end() && c->reusable;
}

void attach_staging(const PoolInputs& in, planner::PoolSnapshot& snap) {
    if (in.pool.kind != model::PoolKind::agent || in.staging.empty()) return;
    std::vector<planner::Config*> order;
    for (auto& c : snap.configs) order.push_back(&c);
    std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return a->priority != b->priority ? a->priority < b->priority : a->id < b->id;
    });
    std::vector<model::Id> ids;
    for (const auto* c : order) ids.push_back(c->id);
    auto requirements = staging::staging_requirements(staging_view(in), ids);
    for (auto* c : order) c->staging = std::move(requirements[c->id]);
}

// Predictive standby looks one boot of this config ahead, plus the planning pass the order
// waits for; it may raise the minimum to what max_instances servers could hold.
planner::Prediction prediction_for(const model::AutoScaleConfig& c, const ConfigFacts& f,
                                   const PoolInputs& in) {
    constexpr std::int64_t kTickAllowance_s = 15;
    const auto lead_s = static_cast<std::int64_t>(std::ceil(f.boot_s)) + kTickAllowance_s;
    const auto cap = static_cast<std::int64_t>(f.max_instances) *
                     std::min(c.max_sessions_per_server, c.max_users_per_server);
    return planner::predict_standby(in.arrivals, model::to_unix(in.now), lead_s,
                                    c.predictive_lookback_days, cap);
}

}  // namespace

staging::PoolView staging_view(const PoolInputs& in) {
    staging::PoolView view;
    view.configs = in.staging;
    view.agents = in.servers;
    view.autoscale = in.configs;
    for (const auto& [id, facts] : in.facts)
        if (!facts.active) view.inactive_configs.insert(id);
    view.sessions = in.sessions;
    view.strategy = in.pool.placement;
    view.now = in.now;
    return view;
}

planner::PoolSnapshot build_snapshot(const PoolInputs& in) {
    planner::PoolSnapshot snap;
    snap.id = in.pool.id;
    snap.kind = in.pool.kind == model::PoolKind::server ? planner::PoolKind::kServer
                                                        : planner::PoolKind::kAgent;
    std::unordered_map<std::string_view, std::size_t> machine_at;
    for (const auto& s : in.servers) {
        if (s.state == model::MachineState::gone) continue;
        machine_at.emplace(s.id, snap.machines.size());
        snap.machines.push_back(machine_of(s));
        snap.machines.back().undrainable = undrainable(s, in.configs);
    }
    add_usage(in.sessions, machine_at, snap.machines);
    for (const auto& c : in.configs) {
        auto it = in.facts.find(c.id);
        const ConfigFacts facts = it == in.facts.end() ? ConfigFacts{} : it->second;
        snap.configs.push_back(config_of(c, facts));
        if (c.predictive_standby && in.pool.kind == model::PoolKind::server)
            snap.configs.back().prediction = prediction_for(c, facts, in);
    }
    for (const auto& s : in.sessions) {
        if (s.state == model::SessionState::queued) snap.queue.push_back(queued_of(s));
    }
    attach_staging(in, snap);
    return snap;
}

}  // namespace tidepool::runtime
