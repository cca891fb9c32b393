// next_change: the planner's wake-up time. Kept apart from evaluate.cpp because its search
// strategy, not the activity rules, is what needs explaining here.
//
// Flips come from three sources: weekly schedule windows, exception days and extra windows.
// The search looks at a fortnight [p, p + 14 days) at a time with active_intervals. When a
// fortnight shows no flip and no exception or extra window touches it, the weekly schedules
// alone were constant for two whole local weeks, and being weekly they are constant forever
// (two weeks, not one, so a schedule gap hidden inside one week's DST gap cannot fool it): the
// next flip can only be where the next exception or extra window begins, so the search jumps
// there. While active, an extra window keeps it active to its end, so the search jumps past it.

#include <algorithm>

#include "schedule/evaluate.h"
#include "schedule/windows.h"

namespace tidepool::schedule {

namespace {

constexpr date::days kChunk{14};
// A bound on work for pathological specs (thousands of scattered exception days); real specs
// need a handful of steps.
constexpr int kMaxSteps = 10000;

// The first flip in [p, end) given that the state was `state` on [at, p).
std::optional<Instant> first_flip(const std::vector<Interval>& on, Instant p, Instant end,
                                  bool state) {
    const bool active_at_p = !on.empty() && on.front().start == p;
    if (active_at_p != state) return p;
    if (state) {
        if (on.front().end < end) return on.front().end;
        return std::nullopt;
    }
    if (!on.empty()) return on.front().start;
    return std::nullopt;
}

// Exception days and extra windows in UTC: the only non-weekly parts of a spec.
std::vector<Interval> one_off_events(const ActivitySpec& spec) {
    std::vector<Interval> events;
    for (const Exception& e : spec.exceptions) events.push_back(exception_day(e));
    for (const ExtraWindow& x : spec.extra_windows) events.push_back(extra_window(x));
    return events;
}

bool touches(const std::vector<Interval>& events, Instant lo, Instant hi) {
    return std::any_of(events.begin(), events.end(),
                       [&](const Interval& e) { return e.start < hi && e.end > lo; });
}

std::optional<Instant> next_start(const std::vector<Interval>& events, Instant at_or_after) {
    std::optional<Instant> best;
    for (const Interval& e : events) {
        if (e.start >= at_or_after && (!best || e.start < *best)) best = e.start;
    }
    return best;
}

// While active, each extra window covering p keeps the spec on until its end.
Instant skip_extra_windows(const ActivitySpec& spec, Instant p) {
    for (bool moved = true; moved;) {
        moved = false;
        for (const ExtraWindow& x : spec.extra_windows) {
            const Interval window = extra_window(x);
            if (window.contains(p)) {
                p = window.end;
                moved = true;
            }
        }
    }
    return p;
}

}  // namespace

std::optional<Instant> next_change(const ActivitySpec& spec, Instant at) {
    if (!spec.enabled) return std::nullopt;
    const bool state = is_active(spec, at);
    const std::vector<Interval> events = one_off_events(spec);
    Instant p = at;
    for (int step = 0; step < kMaxSteps; ++step) {
        if (state) p = skip_extra_windows(spec, p);
        const Instant end = p + kChunk;
        if (auto flip = first_flip(active_intervals(spec, p, end), p, end, state)) return flip;
        if (touches(events, p, end)) {
            p = end;
            continue;
        }
        const auto next = next_start(events, end);
        if (!next) return std::nullopt;
        p = *next;
    }
    return std::nullopt;
}

}  // namespace tidepool::schedule
