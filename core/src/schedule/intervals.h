#pragma once
// Set operations on lists of half-open UTC intervals.

#include <vector>

#include "schedule/types.h"

namespace tidepool::schedule {

// Sorted, non-empty, non-overlapping and maximal: intervals that overlap or touch are merged.
std::vector<Interval> normalize(std::vector<Interval> intervals);

// `from` minus `remove`; both must be normalized, and so is the result.
std::vector<Interval> subtract(const std::vector<Interval>& from,
                               const std::vector<Interval>& remove);

// Each interval cut to [lo, hi); empty pieces dropped. Keeps a normalized list normalized.
std::vector<Interval> clip(const std::vector<Interval>& intervals, Instant lo, Instant hi);

// Whether `at` lies in one of the (normalized) intervals; binary search.
bool covers(const std::vector<Interval>& intervals, Instant at);

}  // namespace tidepool::schedule
