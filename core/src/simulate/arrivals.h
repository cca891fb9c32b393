// Turns a binned arrival curve (the shapes in /work/shared/traces: 5-minute call counts, hourly
// rentals) into session requests, following SOURCE.md §1 and §3 (docs/simulate.md restates it):
//   - every bin is scaled by k = users x logons_per_user / (mean count per day with data), and
//     arrivals are a Poisson draw per 5-minute slot, placed uniformly inside the slot;
//   - slots the file does not cover on a day it has (nights) run at night_factor x the mean
//     profile's peak slot; days it lacks (weekends, gaps) replay the mean weekday profile x
//     weekend_factor, plus the night rate;
//   - 70 % are "workday" sessions ending at a logoff time drawn from Normal(17:30, 60 min) on the
//     arrival's day (an arrival after that time falls back to the ad-hoc model), 30 % are ad-hoc
//     with an Exponential(45 min) length; every session lasts 1 min .. 12 h.
// The file's clock times are taken as UTC (bank_calls stamps local time with a 'Z').
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "simulate/trace.h"
#include "tidepool/result.h"

namespace tidepool::simulate {

struct ArrivalModel {
    std::uint32_t users = 10000;
    double logons_per_user = 1.3;
    std::optional<std::int64_t> from_day;  // Unix day number; default: the file's first day
    int days = 7;
    double weekend_factor = 0.10;
    double night_factor = 0.01;
    double workday_share = 0.70;
    double logoff_mean_h = 17.5;
    double logoff_sigma_min = 60;
    double adhoc_mean_min = 45;
    std::uint64_t seed = 1;
};

// Errors name the CSV line and column at fault.
Result<Trace> arrivals_from_bins(std::string_view csv, const ArrivalModel& model);

}  // namespace tidepool::simulate
