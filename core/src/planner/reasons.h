// One plain-English sentence per decision, written from the decision's own numbers so that the
// sentence and the record can never disagree.
#pragma once

#include <string>

#include "planner/decision.h"
#include "planner/plan.h"

namespace tidepool::planner {

std::string reason_for(const Decision& d);
std::string summary_reason(const Plan& plan);

// "1 server", "3 servers", "0.5 cores": counts and amounts as the sentences spell them.
std::string count_of(long long n, const char* one, const char* many);
std::string amount_text(double v);
// ISO 8601 UTC, e.g. "2024-03-01T08:00:00Z".
std::string utc_text(Instant t);

}  // namespace tidepool::planner
