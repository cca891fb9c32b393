// Agent pools: free cores, GPUs and memory against standby + staging + queued demand.
#include <algorithm>
#include <utility>
#include <vector>

#include "planner/reasons.h"
#include "planner/rules.h"
#include "planner/rules_common.h"

namespace tidepool::planner {
namespace {

struct AgentPass {
    Vec3 free{};     // agents that take sessions, plus this plan's orders
    Vec3 standby{};  // largest standby of the active configs so far (a threshold, not a sum)
    Vec3 staging{};  // sessions still to stage, summed over the active configs so far
    Vec3 queued{};
    Vec3 need() const { return standby + staging + queued; }
};

// Staged sessions already hold their resources in Machine::used, so only the sessions still
// to stage need free capacity.
Vec3 staging_need(const Config& c) {
    Vec3 sum{};
    for (const StagingRequirement& s : c.staging) {
        sum += scaled(to_vec(s.per_session), std::max(0, s.desired_count - s.staged_count));
    }
    return sum;
}

// Fills the per-dimension numbers; `need` is zero where the config's turn carries no need.
AgentNumbers record(const Vec3& free, const Vec3& free_after, const Vec3& need,
                    const AgentPass& pass, const Vec3& per_agent) {
    AgentNumbers n;
    for (int d = 0; d < kDims; ++d) {
        DimensionNumbers& x = n.dims[d];
        Amount shortfall = std::max<Amount>(0, need[d] - free[d]);
        x.free = to_human(free[d]);
        x.standby = to_human(pass.standby[d]);
        x.staging = to_human(pass.staging[d]);
        x.queued = to_human(pass.queued[d]);
        x.need = to_human(need[d]);
        x.shortfall = to_human(shortfall);
        x.per_agent = to_human(per_agent[d]);
        x.unsatisfiable = shortfall > 0 && per_agent[d] <= 0;
        x.agents = shortfall > 0 && per_agent[d] > 0 ? ceil_div(shortfall, per_agent[d]) : 0;
        x.free_after = to_human(free_after[d]);
        x.remaining = to_human(std::max<Amount>(0, need[d] - free_after[d]));
    }
    return n;
}

// Stores the numbers with the config's own standby and staging inputs alongside.
void set_numbers(ConfigPlan& p, const Config& c, AgentNumbers n) {
    n.config_standby = c.standby;
    n.config_staging = to_resources(staging_need(c));
    p.decision.agent = std::move(n);
}

// Whether a new agent of this config could hold the request at all. One that is larger on
// some dimension was admitted because an existing (say hand-assigned) agent can hold it; it
// waits for that agent, and agents this config would order for it could never serve it.
bool fits_new_agent(const QueueEntry& e, const Vec3& per_agent) {
    return all_at_least(per_agent, e.demand);
}

// The queued demand this config's new agents could serve. O(queue) per config and plan, like
// the aggressive count below.
Vec3 queued_for(const QueueTotals& q, const Vec3& per_agent) {
    Vec3 sum{};
    for (const QueueEntry& e : q.order)
        if (fits_new_agent(e, per_agent)) sum += e.demand;
    return sum;
}

// Aggressive mode: queued requests a new agent could hold, in served order, that free
// capacity does not cover. Cumulative demand only grows, so once one request misses, every
// later one misses too.
std::int64_t uncovered_requests(const QueueTotals& q, const Vec3& free, const Vec3& per_agent) {
    if (per_agent == Vec3{}) return 0;  // an agent that adds nothing helps no request
    Vec3 cumulative{};
    std::int64_t uncovered = 0;
    for (const QueueEntry& e : q.order) {
        if (!fits_new_agent(e, per_agent)) continue;
        cumulative += e.demand;
        if (uncovered > 0 || !all_at_least(free, cumulative)) ++uncovered;
    }
    return uncovered;
}

// The worst dimension decides; dimensions a new agent adds nothing to are left out (reported
// as unsatisfiable) instead of asking for agents that would never close the gap.
std::int64_t wanted_agents(const Vec3& need, const Vec3& free, const Vec3& per_agent,
                           std::int64_t uncovered) {
    Vec3 after = free + scaled(per_agent, uncovered);
    std::int64_t most = 0;
    for (int d = 0; d < kDims; ++d) {
        Amount shortfall = need[d] - after[d];
        if (shortfall > 0 && per_agent[d] > 0) {
            most = std::max(most, ceil_div(shortfall, per_agent[d]));
        }
    }
    return uncovered + most;
}

// Pass 1: order nothing, drop staged sessions, remove idle agents once out of backoff.
void retire_inactive(const Config& c, const GroupTotals& g, const AgentPass& pass, ConfigPlan& p) {
    set_numbers(p, c, record(pass.free, pass.free, Vec3{}, AgentPass{}, new_agent_amount(c)));
    for (const StagingRequirement& s : c.staging) {
        if (s.staged_count <= 0) continue;
        p.drop_staged.push_back({s.workspace, s.staged_count});
        p.decision.staged_dropped += s.staged_count;
    }
    bool held = p.decision.in_backoff && !g.idle.empty();
    set_outcome(p, held ? ReasonCode::kInactiveBackoff : ReasonCode::kInactive, 0,
                held ? std::vector<std::string>{} : all_idle_ids(g));
}

// Pass 2 for one active config. Returns true when it was short (its decision is then final).
bool grow(const Config& c, const GroupTotals& g, const QueueTotals& q, AgentPass& pass,
          ConfigPlan& p) {
    pass.standby = max_each(pass.standby, to_vec(c.standby));
    pass.staging += staging_need(c);
    const Vec3 per = new_agent_amount(c);
    AgentPass own = pass;  // this config's view: only the queued requests its agents can hold
    own.queued = queued_for(q, per);
    const Vec3 need = own.need();
    const Vec3 before = pass.free;
    if (all_at_least(before, need)) {
        set_numbers(p, c, record(before, before, need, own, per));
        return false;
    }
    // Requests are waiting: draining agents the config would take back serve them at once
    // (a new agent needs a whole boot). Without a queue a drain stands (see server_rules).
    for (const IdleEntry& e : g.draining) {
        if (all_at_least(pass.free, q.demand)) break;
        p.decision.undrain.push_back(e.id);
        pass.free += e.free;
    }
    std::int64_t uncovered = c.aggressive ? uncovered_requests(q, pass.free, per) : 0;
    std::int64_t wanted = wanted_agents(need, pass.free, per, uncovered);
    std::int64_t create = std::min(wanted, room_for(c, g));
    pass.free += scaled(per, create);
    AgentNumbers n = record(before, pass.free, need, own, per);
    n.uncovered_requests = uncovered;
    n.wanted = wanted;
    set_numbers(p, c, std::move(n));
    bool acted = create > 0 || !p.decision.undrain.empty();
    ReasonCode code = acted                         ? ReasonCode::kScaleUp
                      : wanted == 0                 ? ReasonCode::kUnsatisfiable
                      : c.provider_capacity_blocked ? ReasonCode::kCapacityBlocked
                                                    : ReasonCode::kAtMaxInstances;
    set_outcome(p, code, create, {});
    return true;
}

// Pass 3 for one active config of a pool short on nothing: remove idle agents, longest idle
// first, while every dimension stays at or above the pool's need; stop at the first that can't.
void shrink(const Config& c, const GroupTotals& g, AgentPass& pass, ConfigPlan& p) {
    const Vec3 need = pass.need();
    const Vec3 before = pass.free;
    bool can_remove = !g.idle.empty() && all_at_least(before - g.idle.begin()->free, need);
    std::vector<std::string> remove;
    if (can_remove && !p.decision.in_backoff) {
        for (const IdleEntry& e : g.idle) {
            if (!all_at_least(pass.free - e.free, need)) break;
            remove.push_back(e.id);
            pass.free -= e.free;
        }
    }
    set_numbers(p, c, record(before, pass.free, need, pass, new_agent_amount(c)));
    ReasonCode code = !remove.empty() ? ReasonCode::kScaleDown
                      : can_remove    ? ReasonCode::kBackoffHold
                                      : ReasonCode::kSatisfied;
    set_outcome(p, code, 0, std::move(remove));
}

void summarise(Plan& plan, const Vec3& free_before, const Vec3& need, const Vec3& free_after,
               std::int64_t queued) {
    PoolSummary& s = plan.summary;
    s.queued = queued;
    s.free = to_resources(free_before);
    s.need = to_resources(need);
    s.remaining = to_resources(clamp_low(need - free_after));
    s.short_before = !all_at_least(free_before, need);
    s.short_after = !all_at_least(free_after, need);
    s.reason = summary_reason(plan);
}

// Inactive configs' agents take no new sessions, so their free capacity is not available.
Vec3 available_free(const PoolModel& m) {
    Vec3 free = m.group(m.unmanaged_group()).free;
    for (std::size_t i = 0; i < m.configs().size(); ++i) {
        if (m.configs()[i].active) free += m.group(i).free;
    }
    return free;
}

// The need of the whole pool: every active config's staging and the largest standby.
Vec3 pool_need(const PoolModel& m) {
    AgentPass all;
    all.queued = m.queue().demand;
    for (const Config& c : m.configs()) {
        if (!c.active) continue;
        all.standby = max_each(all.standby, to_vec(c.standby));
        all.staging += staging_need(c);
    }
    return all.need();
}

}  // namespace

Plan plan_agents(const PoolModel& m, Instant now) {
    Plan plan = start_plan(m, now);
    const std::vector<Config>& configs = m.configs();
    AgentPass pass;
    pass.free = available_free(m);
    pass.queued = m.queue().demand;
    for (std::size_t i = 0; i < configs.size(); ++i) {
        if (!configs[i].active) retire_inactive(configs[i], m.group(i), pass, plan.configs[i]);
    }
    const Vec3 free_before = pass.free;
    const Vec3 need = pool_need(m);
    const bool pool_short = !all_at_least(free_before, need);
    std::vector<bool> decided(configs.size(), false);
    for (std::size_t i = 0; i < configs.size(); ++i) {
        if (configs[i].active) {
            decided[i] = grow(configs[i], m.group(i), m.queue(), pass, plan.configs[i]);
        }
    }
    for (std::size_t i = configs.size(); i-- > 0;) {
        if (!configs[i].active || decided[i]) continue;
        if (pool_short) {
            set_outcome(plan.configs[i], ReasonCode::kPoolShort, 0, {});
        } else {
            shrink(configs[i], m.group(i), pass, plan.configs[i]);
        }
    }
    summarise(plan, free_before, need, pass.free,
              static_cast<std::int64_t>(m.queue().order.size()));
    return plan;
}

}  // namespace tidepool::planner
