// The operator's own trace format: CSV rows of `start,duration[,user]` (docs/simulate.md).
//   start     ISO-8601 UTC instant (2026-03-02T08:59:00Z) or Unix seconds
//   duration  session length in seconds (integer > 0)
//   user      optional; any text without commas. Missing: each row is its own user.
// A first line whose first cell is not a start time is a header and is skipped; blank lines and
// lines starting with '#' are ignored.
#pragma once

#include <string_view>

#include "simulate/trace.h"
#include "tidepool/result.h"

namespace tidepool::simulate {

// Errors name the line and column (`line 7, column duration`), the bad value and what is allowed.
Result<Trace> parse_session_csv(std::string_view text);

// Whether a CSV's header names it as a binned arrival curve (bank_calls_5min.csv or
// bike_sharing_hour.csv shapes) rather than a session list.
bool is_binned_csv(std::string_view text);

}  // namespace tidepool::simulate
