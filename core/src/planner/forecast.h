// Predictive standby's forecast: how many session requests a pool can expect in the next
// `lead_s` seconds, learned from the arrival times it has seen. Pure: the history and the
// instant are passed in, so the daemon (from stored sessions) and the simulator (from the
// trace's earlier days) compute the same number, and the planner only sees the result.
//
// The model: the mean count of arrivals in the same time-of-day window [t - d days, t - d days
// + lead) over the past `lookback_days` days of the same kind (weekday or weekend) that lie
// inside the history, plus two standard deviations of a Poisson count with that mean, so the
// raised standby covers a busy day's window (about 98 % of them) rather than an average one.
// Days before the history starts are skipped rather than counted as empty.
#pragma once

#include <cstdint>
#include <vector>

#include "planner/snapshot.h"

namespace tidepool::planner {

struct ForecastInput {
    const std::vector<std::int64_t>* arrivals = nullptr;  // Unix seconds, sorted ascending
    std::int64_t history_start_s = 0;  // when recording began: earlier days are unknown
    std::int64_t now_s = 0;
    std::int64_t lead_s = 0;
    int lookback_days = 14;
};

struct Forecast {
    double mean = 0;            // mean arrivals in the window over the days used
    std::int64_t expected = 0;  // ceil(mean + 2 sqrt(mean)): what standby should cover
    int days_used = 0;          // 0: no comparable day in the history yet (expected = 0)
};

Forecast forecast_arrivals(const ForecastInput& in);

// The planner's Prediction for one config from the pool's arrival history: what arrives within
// `lead_s` (the config's boot time plus a planning interval), capped at `cap` sessions. The
// history starts at its first arrival: days before it are unknown, not empty. The daemon (from
// stored sessions) and the simulator (from the trace so far) both call this.
Prediction predict_standby(const std::vector<std::int64_t>& arrivals, std::int64_t now_s,
                           std::int64_t lead_s, int lookback_days, std::int64_t cap);

}  // namespace tidepool::planner
