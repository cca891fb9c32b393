#include "planner/rules_common.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "planner/reasons.h"

namespace tidepool::planner {

Backoff backoff_at(const Config& c, Instant now) {
    if (!c.last_scale_up_at || c.downscale_backoff_s <= 0) return {};
    Instant until = *c.last_scale_up_at + std::chrono::seconds(c.downscale_backoff_s);
    if (now >= until) return {};
    return {true, (until - now).count(), until};
}

std::int64_t room_for(const Config& c, const GroupTotals& g) {
    if (c.provider_capacity_blocked) return 0;
    return std::max<std::int64_t>(0, static_cast<std::int64_t>(c.max_instances) - g.machines);
}

ConfigPlan start_config_plan(const Config& c, const GroupTotals& g, PoolKind kind, Instant now) {
    ConfigPlan p;
    p.config_id = c.id;
    Decision& d = p.decision;
    d.config_id = c.id;
    d.kind = kind;
    d.priority = c.priority;
    d.active = c.active;
    d.aggressive = c.aggressive;
    d.capacity_blocked = c.provider_capacity_blocked;
    d.max_instances = c.max_instances;
    d.machines = g.machines;
    d.starting = g.starting;
    d.busy = g.busy;
    d.idle = static_cast<int>(g.idle.size());
    d.downscale_backoff_s = c.downscale_backoff_s;
    Backoff b = backoff_at(c, now);
    d.in_backoff = b.holding;
    d.backoff_remaining_s = b.remaining_s;
    if (b.holding) d.backoff_until = b.until;
    return p;
}

void set_outcome(ConfigPlan& p, ReasonCode code, std::int64_t create,
                 std::vector<std::string> remove) {
    Decision& d = p.decision;
    d.code = code;
    d.create = static_cast<int>(create);
    d.remove = std::move(remove);
    if (d.create > 0) {
        d.action = Action::kCreate;
    } else if (!d.undrain.empty()) {
        d.action = Action::kUndrain;
    } else if (!d.remove.empty()) {
        d.action = Action::kDelete;
    } else {
        d.action = code == ReasonCode::kUnsatisfiable ? Action::kUnsatisfiable : Action::kNone;
    }
    p.create = d.create;
    p.remove = d.remove;
    p.undrain = d.undrain;
    d.reason = reason_for(d);
}

Plan start_plan(const PoolModel& m, Instant now) {
    Plan plan;
    plan.pool_id = m.pool_id();
    plan.kind = m.kind();
    plan.configs.reserve(m.configs().size());
    for (std::size_t i = 0; i < m.configs().size(); ++i) {
        plan.configs.push_back(start_config_plan(m.configs()[i], m.group(i), m.kind(), now));
    }
    return plan;
}

std::vector<std::string> all_idle_ids(const GroupTotals& g) {
    std::vector<std::string> ids;
    ids.reserve(g.idle.size());
    for (const IdleEntry& e : g.idle) ids.push_back(e.id);
    return ids;
}

}  // namespace tidepool::planner
