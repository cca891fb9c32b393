// The capacity planner's entry point: a pool snapshot and an instant in, a plan out.
//
// Pure: no I/O, no clock, no threads, no global state. The same snapshot and instant always give
// the same plan, so a plan can be recomputed for `tidepool explain` and compared in tests.
#pragma once

#include "planner/plan.h"
#include "planner/snapshot.h"

namespace tidepool::planner {

// Evaluates every config of the pool in (priority, id) order; see rules.h for the passes.
Plan plan(const PoolSnapshot& pool, Instant now);

}  // namespace tidepool::planner
