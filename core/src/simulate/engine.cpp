#include "simulate/engine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simulate/world.h"

namespace tidepool::simulate {
namespace {

std::int64_t day_start(std::int64_t s) { return s - ((s % 86400) + 86400) % 86400; }

}  // namespace

World::World(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario),
      options_(options),
      index_(scenario.pool.placement),
      last_scale_up_(scenario.configs.size()) {
    for (const auto& c : scenario.configs) boot_rng_.emplace_back(c.seed);
    snapshot_.id = scenario.pool.id;
    snapshot_.kind = planner::PoolKind::kServer;
    m_.policy = std::string(policy_name(options.policy));
    m_.sample_s = options.sample_s;
}

Metrics World::run(const Trace& trace) {
    if (trace.arrivals.empty() || scenario_.configs.empty()) return m_;
    m_.start_s = day_start(trace.arrivals.front().at_s);
    m_.end_s = day_start(trace.arrivals.back().at_s) + 86400;
    index_.reserve(1024, trace.users, 4096);
    m_.waits.assign(trace.arrivals.size(), 0);
    m_.requests = static_cast<std::int64_t>(trace.arrivals.size());
    now_ = m_.start_s;
    if (options_.policy == Policy::kStaticPeak) {
        // Static capacity is already there when the trace starts: it never boots on demand.
        for (int i = 0; i < options_.baseline.static_servers; ++i) create_server(0, 0);
    }
    std::size_t next = 0;
    std::int64_t next_tick = m_.start_s;
    while (true) {
        std::int64_t t = next_tick;
        if (!events_.empty()) t = std::min(t, events_.top().at_s);
        if (next < trace.arrivals.size()) t = std::min(t, trace.arrivals[next].at_s);
        if (t >= m_.end_s) break;
        advance(t);
        while (!events_.empty() && events_.top().at_s == t) {
            Event e = events_.top();
            events_.pop();
            handle(e);
        }
        for (; next < trace.arrivals.size() && trace.arrivals[next].at_s == t; ++next) {
            arrive(trace.arrivals[next], next);
        }
        if (t == next_tick) {
            tick();
            next_tick += scenario_.tick_s;
        }
    }
    advance(m_.end_s);
    for (const auto& w : queue_) m_.waits[w.request] = m_.end_s - w.at_s;
    m_.unserved = static_cast<std::int64_t>(queue_.size());
    return std::move(m_);
}

void World::advance(std::int64_t to) {
    std::int64_t next_sample =
        m_.start_s + static_cast<std::int64_t>(m_.samples.size()) * m_.sample_s;
    for (; next_sample < to; next_sample += m_.sample_s) {
        auto alive = static_cast<std::int64_t>(alive_.size());
        auto queued = static_cast<std::int64_t>(queue_.size());
        m_.samples.push_back({next_sample, in_use_ + queued, alive - booting_, booting_, queued});
        if (options_.on_sample) options_.on_sample(m_.samples.back());
    }
    m_.server_seconds += static_cast<double>(alive_.size()) * static_cast<double>(to - now_);
    now_ = to;
}

void World::push(std::int64_t at_s, EventKind kind, std::uint32_t server, std::uint32_t user) {
    events_.push(Event{at_s, kind, seq_++, server, user});
}

void World::handle(const Event& e) {
    Server& s = servers_[e.server];
    if (e.kind == EventKind::kBootDone) {
        if (s.removed) return;
        s.running = true;
        --booting_;
        index_.set_available(e.server, true);
    } else {
        index_.end(e.server, e.user, model::SessionKind::desktop);
        --in_use_;
        s.last_end_s = e.at_s;
    }
    serve_queue();
}

bool World::try_place(std::uint32_t user, std::int64_t duration_s) {
    auto slot = index_.choose(user, model::SessionKind::desktop);
    if (!slot) return false;
    index_.place(*slot, user, model::SessionKind::desktop);
    ++in_use_;
    push(now_ + duration_s, EventKind::kSessionEnd, *slot, user);
    return true;
}

void World::arrive(const Arrival& a, std::size_t request) {
    history_.push_back(a.at_s);
    // A request joins the back of the queue when others already wait: first come, first served.
    if (queue_.empty() && try_place(a.user, a.duration_s)) {
        ++m_.served;
        return;
    }
    queue_.push_back({a.user, a.at_s, a.duration_s, request});
    ++m_.waited;
    m_.queue_max = std::max<std::int64_t>(m_.queue_max, static_cast<std::int64_t>(queue_.size()));
    if (index_.pool_headroom() > 0) serve_queue();  // it may fit where the head does not
}

void World::serve_queue() {
    // A request blocked only by the one-desktop-per-server rule must not hold up the others,
    // so the scan goes on past it while the pool still has headroom.
    for (auto it = queue_.begin(); it != queue_.end() && index_.pool_headroom() > 0;) {
        if (!try_place(it->user, it->duration_s)) {
            ++it;
            continue;
        }
        m_.waits[it->request] = now_ - it->at_s;
        ++m_.served;
        it = queue_.erase(it);
    }
}

std::uint32_t World::create_server(std::size_t config, std::int64_t boot_ms) {
    const auto& c = scenario_.configs[config].config;
    auto slot = static_cast<std::uint32_t>(servers_.size());
    char id[16];
    std::snprintf(id, sizeof id, "s%09u", slot);  // zero-padded: ids sort in creation order
    index_.add_server(id, c.max_sessions_per_server, c.max_users_per_server);
    servers_.push_back(Server{config, now_, std::nullopt, false, false});
    alive_.push_back(slot);
    ++booting_;
    ++m_.servers_created;
    // Boots end on whole seconds: the virtual clock's resolution.
    push(now_ + (boot_ms + 999) / 1000, EventKind::kBootDone, slot, 0);
    m_.peak_servers =
        std::max<std::int64_t>(m_.peak_servers, static_cast<std::int64_t>(alive_.size()));
    return slot;
}

void World::remove_server(std::uint32_t server) {
    Server& s = servers_[server];
    if (s.removed) return;
    if (!s.running) --booting_;
    s.removed = true;
    index_.set_available(server, false);
    alive_.erase(std::find(alive_.begin(), alive_.end(), server));
}

double wait_percentile(const Metrics& m, double q) {
    if (m.waits.empty()) return 0;
    std::vector<std::int64_t> sorted = m.waits;
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size()) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank),
                     sorted.end());
    return static_cast<double>(sorted[rank]);
}

Metrics run(const Scenario& scenario, const Trace& trace, const RunOptions& options) {
    World world(scenario, options);
    return world.run(trace);
}

}  // namespace tidepool::simulate
