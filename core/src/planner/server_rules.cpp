// Server pools: headroom in sessions against Minimum Available Sessions plus queued requests.
#include <algorithm>
#include <utility>
#include <vector>

#include "planner/reasons.h"
#include "planner/rules.h"
#include "planner/rules_common.h"

namespace tidepool::planner {
namespace {

struct ServerPass {
    Amount headroom = 0;  // pool headroom, updated by this plan's removals and orders
    Amount target = 0;    // largest minimum of the active configs evaluated so far
    Amount queued = 0;    // each queued request needs one session
    // The part of headroom queued requests can use: starting machines and this plan's undrains
    // and orders (see ServerNumbers::incoming).
    Amount incoming = 0;
};

// What undrained or new servers must still add for `target`: the minimum plus the queue over
// all headroom, and the queue over the headroom a queued request can still use.
Amount shortfall_of(const ServerPass& pass, Amount target) {
    return std::max<Amount>({0, target + pass.queued - pass.headroom,
                             pass.queued - pass.incoming});
}

Amount new_server_headroom(const Config& c) {
    return server_headroom(c.new_server_max_sessions, c.new_server_max_users, 0, 0);
}

// Minimum Available Sessions, raised by predictive standby to the sessions its forecast expects
// before a server ordered now could boot (capped; never lowered).
Amount minimum_of(const Config& c) {
    Amount min = c.min_available_sessions;
    if (!c.prediction) return min;
    return std::max(min, std::min<Amount>(c.prediction->expected, c.prediction->cap));
}

ServerNumbers numbers_at(const Config& c, const ServerPass& pass) {
    ServerNumbers n;
    n.minimum = c.min_available_sessions;
    n.predicted = minimum_of(c) > n.minimum ? minimum_of(c) : 0;
    n.target = pass.target;
    n.queued = pass.queued;
    n.new_server_headroom = new_server_headroom(c);
    n.headroom = pass.headroom;
    n.incoming = pass.incoming;
    n.headroom_after = pass.headroom;
    return n;
}

// Pass 1: an inactive config orders nothing and, once out of backoff, removes its idle servers.
void retire_inactive(const Config& c, const GroupTotals& g, ServerPass& pass, ConfigPlan& p) {
    ServerNumbers n = numbers_at(c, ServerPass{pass.headroom, 0, pass.queued, pass.incoming});
    std::vector<std::string> remove;
    if (!p.decision.in_backoff) {
        for (const IdleEntry& e : g.idle) {
            remove.push_back(e.id);
            pass.headroom -= e.headroom;
        }
    }
    n.headroom_after = pass.headroom;
    p.decision.server = n;
    bool held = p.decision.in_backoff && !g.idle.empty();
    set_outcome(p, held ? ReasonCode::kInactiveBackoff : ReasonCode::kInactive, 0,
                std::move(remove));
}

Amount wanted_servers(const Config& c, const ServerNumbers& n) {
    Amount nh = n.new_server_headroom;
    if (!c.aggressive) return ceil_div(n.shortfall, nh);
    // Aggressive: a server for each queued request no headroom covers, then pack what is left.
    Amount rest = std::max<Amount>(0, n.shortfall - n.uncovered_requests * nh);
    return n.uncovered_requests + ceil_div(rest, nh);
}

// Pass 2 for one active config. Returns true when it was short (its decision is then final).
bool grow(const Config& c, const GroupTotals& g, ServerPass& pass, ConfigPlan& p) {
    pass.target = std::max<Amount>(pass.target, minimum_of(c));
    ServerNumbers n = numbers_at(c, pass);
    n.shortfall = shortfall_of(pass, n.target);
    p.decision.server = n;
    if (n.shortfall == 0) return false;
    if (n.new_server_headroom == 0) {
        p.decision.server->remaining_shortfall = n.shortfall;
        set_outcome(p, ReasonCode::kUnsatisfiable, 0, {});
        return true;
    }
    // Requests are waiting: draining servers the config would take back serve them at once
    // (a new server needs a whole boot). Without a queue a drain stands, and the minimum is
    // met by new servers, so an operator's drain is not undone just to keep standby.
    for (const IdleEntry& e : g.draining) {
        if (pass.incoming >= n.queued) break;
        p.decision.undrain.push_back(e.id);
        pass.headroom += e.headroom;
        pass.incoming += e.headroom;
    }
    ServerNumbers left = n;  // what new servers must still cover
    left.shortfall = shortfall_of(pass, n.target);
    if (c.aggressive)
        n.uncovered_requests = left.uncovered_requests =
            std::max<Amount>(0, n.queued - pass.incoming);
    n.wanted = wanted_servers(c, left);
    Amount create = std::min(n.wanted, room_for(c, g));
    pass.headroom += create * n.new_server_headroom;
    pass.incoming += create * n.new_server_headroom;
    n.headroom_after = pass.headroom;
    n.remaining_shortfall = shortfall_of(pass, n.target);
    p.decision.server = n;
    bool acted = create > 0 || !p.decision.undrain.empty();
    ReasonCode code = acted                         ? ReasonCode::kScaleUp
                      : c.provider_capacity_blocked ? ReasonCode::kCapacityBlocked
                                                    : ReasonCode::kAtMaxInstances;
    set_outcome(p, code, create, {});
    return true;
}

// Pass 3 for one active config of a pool that is not short: remove idle servers, longest idle
// first, while the pool keeps `floor` (largest minimum + queue). Stops at the first server that
// cannot go, so the choice never skips ahead to a shorter-idle machine.
void shrink(const GroupTotals& g, Amount pool_target, ServerPass& pass, ConfigPlan& p) {
    ServerNumbers n = *p.decision.server;
    Amount floor = pool_target + pass.queued;
    n.target = pool_target;
    n.headroom = pass.headroom;
    bool can_remove = !g.idle.empty() && pass.headroom - g.idle.begin()->headroom >= floor;
    std::vector<std::string> remove;
    if (can_remove && !p.decision.in_backoff) {
        for (const IdleEntry& e : g.idle) {
            if (pass.headroom - e.headroom < floor) break;
            remove.push_back(e.id);
            pass.headroom -= e.headroom;
        }
    }
    n.headroom_after = pass.headroom;
    p.decision.server = n;
    ReasonCode code = !remove.empty() ? ReasonCode::kScaleDown
                      : can_remove    ? ReasonCode::kBackoffHold
                                      : ReasonCode::kSatisfied;
    set_outcome(p, code, 0, std::move(remove));
}

void summarise(Plan& plan, const ServerPass& before, Amount pool_target, const ServerPass& pass) {
    PoolSummary& s = plan.summary;
    s.queued = pass.queued;
    s.headroom = before.headroom;
    s.target = pool_target;
    s.short_before = shortfall_of(before, pool_target) > 0;
    s.remaining_shortfall = shortfall_of(pass, pool_target);
    s.short_after = s.remaining_shortfall > 0;
    s.reason = summary_reason(plan);
}

}  // namespace

Plan plan_servers(const PoolModel& m, Instant now) {
    Plan plan = start_plan(m, now);
    const std::vector<Config>& configs = m.configs();
    ServerPass pass;
    for (std::size_t i = 0; i <= configs.size(); ++i) {
        pass.headroom += m.group(i).headroom;
        pass.incoming += m.group(i).incoming;
    }
    pass.queued = static_cast<Amount>(m.queue().order.size());
    Amount pool_target = 0;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        if (configs[i].active) {
            pool_target = std::max<Amount>(pool_target, minimum_of(configs[i]));
        } else {
            retire_inactive(configs[i], m.group(i), pass, plan.configs[i]);
        }
    }
    const ServerPass before = pass;
    const bool pool_short = shortfall_of(before, pool_target) > 0;
    std::vector<bool> decided(configs.size(), false);
    for (std::size_t i = 0; i < configs.size(); ++i) {
        if (configs[i].active) decided[i] = grow(configs[i], m.group(i), pass, plan.configs[i]);
    }
    for (std::size_t i = configs.size(); i-- > 0;) {
        if (!configs[i].active || decided[i]) continue;
        if (pool_short) {
            set_outcome(plan.configs[i], ReasonCode::kPoolShort, 0, {});
        } else {
            shrink(m.group(i), pool_target, pass, plan.configs[i]);
        }
    }
    summarise(plan, before, pool_target, pass);
    return plan;
}

}  // namespace tidepool::planner
