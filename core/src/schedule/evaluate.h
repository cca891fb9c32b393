#pragma once
// When an ActivitySpec is active. Pure functions of the spec and the instants passed in: no
// clock, no I/O (zones were resolved when the spec was built).
//
// The rules, in order:
//   1. enabled == false: never active, not even during extra windows.
//   2. A spec with no schedules and no extra windows is always on ("no schedule = active").
//      Once it has any extra window (and still no schedule) it is on only during those.
//   3. Otherwise it is on while any schedule window is open.
//   4. An exception day switches off whatever rules 2-3 turned on during that local day.
//   5. An extra window turns it on for its whole span, exception day or not: an operator who
//      adds a one-off window on a holiday asked for that time explicitly, so the more specific
//      instruction wins over the day-off.
// is_active(spec, t) is exactly membership of t in active_intervals(spec, from, to) for any
// from <= t < to.

#include <optional>
#include <vector>

#include "schedule/types.h"

namespace tidepool::schedule {

bool is_active(const ActivitySpec& spec, Instant at);

// Maximal, sorted, non-overlapping (and non-touching) [start, end) UTC intervals in [from, to)
// during which the spec is active, clipped to [from, to). Empty when from >= to. Costs one step
// per schedule and local day in the range, not per minute.
std::vector<Interval> active_intervals(const ActivitySpec& spec, Instant from, Instant to);

// The first instant t > at where is_active(spec, t) != is_active(spec, at): the time a planner
// should wake up. nullopt when the activity never changes again (e.g. always on with only past
// exception days, or only past extra windows). Scans ahead a fortnight at a time but jumps
// straight to the next exception or extra window once the weekly schedules alone are seen not to
// flip, so a holiday next year is found without walking the weeks in between; the search is
// bounded, so a pathological spec (thousands of scattered exceptions) may get nullopt. See
// next_change.cpp.
std::optional<Instant> next_change(const ActivitySpec& spec, Instant at);

}  // namespace tidepool::schedule
