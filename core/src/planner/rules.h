// The planning rules over a PoolModel (internal; callers use planner.h or pool_state.h).
//
// Both pool kinds run the same three passes:
//  1. Inactive configs, in priority order: order nothing; once out of backoff, remove every idle
//     machine (busy ones stay until empty). Agent configs also drop their staged sessions, and
//     their agents never count as free capacity because they take no new sessions.
//  2. Active configs, in priority order: the need is the largest minimum/standby of the active
//     configs so far, plus their staging, plus the queue. A config short of it orders machines up
//     to its room; what it cannot order passes to the next config, which sees the capacity the
//     earlier ones ordered (cost-ordered spill-over).
//  3. Only if the pool was not short: active configs in reverse priority order (most expensive
//     first) remove idle machines, longest idle first, while the pool stays at or above the
//     largest need of all active configs, and only outside their downscale backoff. Taking the
//     pool-wide need as the floor keeps one config from removing what another would re-order.
#pragma once

#include "planner/plan.h"
#include "planner/pool_model.h"

namespace tidepool::planner {

Plan plan_servers(const PoolModel& m, Instant now);
Plan plan_agents(const PoolModel& m, Instant now);

inline Plan evaluate(const PoolModel& m, Instant now) {
    return m.kind() == PoolKind::kServer ? plan_servers(m, now) : plan_agents(m, now);
}

}  // namespace tidepool::planner
