// JSON for decision records and plans, for the REST API and `tidepool explain POOL`.
//
// Keys are snake_case and mirror the struct members; enums are lower-case strings. Amounts are
// in human units (cores, GPUs, GiB).
#pragma once

#include <string>

#include "planner/decision.h"
#include "planner/plan.h"

namespace tidepool::planner {

const char* to_string(PoolKind k);
const char* to_string(Action a);
const char* to_string(ReasonCode c);

std::string to_json(const Decision& d);
std::string to_json(const Plan& p);

}  // namespace tidepool::planner
