// The on-demand queue as callers see it: each queued request's position and ETA, computed for
// a whole pool at once (one sort, O(n log n)), and session_eta events when either changes, so
// `tidepool watch` and an embedding host follow the queue without polling.
#include <algorithm>
#include <climits>
#include <cmath>
#include <map>

#include "placement/agent_choice.h"
#include "placement/queue_eta.h"
#include "runtime/queue_order.h"
#include "runtime/runtime.h"

namespace tidepool::runtime {
namespace {

// Until a config's first machine has booted there is no observation; a minute is typical.
constexpr double kDefaultBootSeconds = 60;
// An ETA that moved by less than this only counted down; it is not news worth an event.
constexpr int kEtaNewsSeconds = 5;

// How many requests shaped like `head` a machine offering this much can take.
long agent_sessions_for(double cores, double gpus, double memory_gib,
                        const model::Session& head) {
    long fit = LONG_MAX;
    auto limit = [&](double offered, double wanted) {
        if (wanted > 0) fit = std::min(fit, static_cast<long>(std::floor(offered / wanted)));
    };
    limit(cores, head.cores);
    limit(gpus, head.gpus);
    limit(memory_gib, head.memory_gib);
    return fit == LONG_MAX ? 1 : fit;  // a request that needs nothing: one per agent, say
}

long machine_sessions(const model::Pool& pool, const model::Server& s,
                      const model::Session& head) {
    if (pool.kind == model::PoolKind::agent)
        return agent_sessions_for(s.cores, s.gpus, s.memory_gib, head);
    return std::min(s.max_sessions, s.max_users);
}

}  // namespace

double Runtime::boot_seconds_of(const model::Id& config_id) const {
    auto it = boot_seconds_.find(config_id);
    return it != boot_seconds_.end() && it->second > 0 ? it->second : kDefaultBootSeconds;
}

// What the next machine ordered for this pool brings: the first config in evaluation order
// the planner could order from (active, room under max_instances, not capacity-blocked).
placement::NextMachine Runtime::next_machine(const model::Pool& pool, const model::Session& head) {
    auto configs = store_.list_autoscale_configs(pool.id);
    if (!configs.ok()) return {};
    auto list = configs.value();
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return std::tie(a.priority, a.id) < std::tie(b.priority, b.id);
    });
    for (const auto& c : list) {
        if (capacity_blocked(c.id) || !config_can_order(c)) continue;
        const placement::Amounts a = placement::new_agent_capacity(c);
        long sessions = pool.kind == model::PoolKind::agent
                            ? agent_sessions_for(a.cores, a.gpus, a.memory_gib, head)
                            : std::min(c.max_sessions_per_server, c.max_users_per_server);
        if (sessions > 0) return {boot_seconds_of(c.id), sessions};
    }
    return {};
}

std::vector<SessionView> Runtime::queue_views(const model::Pool& pool) {
    auto queued = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                        {model::SessionState::queued}});
    if (!queued.ok() || queued->empty()) return {};
    auto list = queued.value();
    std::sort(list.begin(), list.end(), queued_before);
    std::vector<placement::IncomingCapacity> incoming;
    auto starting = store_.list_servers({pool.id, std::nullopt, {model::MachineState::starting}});
    if (starting.ok()) {
        for (const auto& s : starting.value()) {
            double booted = static_cast<double>((now() - s.created_at).count());
            incoming.push_back({boot_seconds_of(s.config_id) - booted,
                                machine_sessions(pool, s, list.front())});
        }
    }
    auto etas = placement::queue_etas(list.size(), incoming, next_machine(pool, list.front()));
    std::vector<SessionView> views;
    views.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i)
        views.push_back({std::move(list[i]), static_cast<int>(i + 1), etas[i]});
    return views;
}

SessionView Runtime::view_of(const model::Session& session) {
    if (session.state != model::SessionState::queued) return {session, 0, -1};
    auto pool = store_.get_pool(session.pool_id);
    if (pool.ok())
        for (auto& v : queue_views(pool.value()))
            if (v.session.id == session.id) return v;
    return {session, 0, -1};  // placed or withdrawn meanwhile
}

Result<SessionView> Runtime::get_session(const model::Id& id) {
    auto s = store_.get_session(id);
    if (!s.ok()) return s.error();
    return view_of(s.value());
}

// Queued sessions get their views pool by pool, so a long queue costs one sort, not n scans.
Result<std::vector<SessionView>> Runtime::list_sessions(const store::SessionFilter& filter) {
    auto list = store_.list_sessions(filter);
    if (!list.ok()) return list.error();
    std::map<model::Id, std::map<model::Id, SessionView>> queues;  // pool → session → view
    std::vector<SessionView> out;
    out.reserve(list->size());
    for (const auto& s : list.value()) {
        if (s.state != model::SessionState::queued) {
            out.push_back({s, 0, -1});
            continue;
        }
        if (!queues.count(s.pool_id)) {
            auto& views = queues[s.pool_id];
            if (auto pool = store_.get_pool(s.pool_id); pool.ok())
                for (auto& v : queue_views(pool.value())) views.emplace(v.session.id, v);
        }
        auto& views = queues[s.pool_id];
        auto it = views.find(s.id);
        out.push_back(it != views.end() ? it->second : SessionView{s, 0, -1});
    }
    return out;
}

// After a tick moved the queue: tell subscribers about each request whose position changed or
// whose ETA moved by more than counting down explains.
void Runtime::announce_queue(const model::Pool& pool) {
    auto& last = announced_[pool.id];
    std::map<model::Id, Announced> now_known;
    for (const auto& v : queue_views(pool)) {
        Announced a{v.queue_position, v.eta_s < 0 ? model::Instant::max()
                                                  : now() + std::chrono::seconds(v.eta_s)};
        auto before = last.find(v.session.id);
        bool news = before == last.end()
                        ? false  // its session_queued event said it already
                        : before->second.position != a.position ||
                              std::abs((before->second.ready_at - a.ready_at).count()) >=
                                  kEtaNewsSeconds;
        if (news) publish_view(EventKind::session_eta, v, "queue moved");
        now_known[v.session.id] = news || before == last.end() ? a : before->second;
    }
    last = std::move(now_known);
}

}  // namespace tidepool::runtime
