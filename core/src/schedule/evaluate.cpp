#include "schedule/evaluate.h"

#include <algorithm>

#include "schedule/intervals.h"
#include "schedule/windows.h"

namespace tidepool::schedule {

namespace {

// Rule 2: the implicit always-on window of a spec that states no times at all.
bool always_on(const ActivitySpec& spec) {
    return spec.schedules.empty() && spec.extra_windows.empty();
}

// Local days whose windows can reach [from, to) in `zone`. A window lasts at most two local
// days (overnight); a day of margin on each side also absorbs DST shifts and zones whose
// transitions sit at midnight.
std::pair<LocalDays, LocalDays> day_span(const Zone& zone, Instant from, Instant to) {
    const LocalDays first = date::floor<date::days>(zone.to_local(from)) - date::days{2};
    const LocalDays last = date::floor<date::days>(zone.to_local(to)) + date::days{1};
    return {first, last};
}

bool schedule_covers(const Schedule& schedule, Instant at) {
    const auto [first, last] = day_span(schedule.zone, at, at);
    for (LocalDays day = first; day <= last; day += date::days{1}) {
        const auto window = schedule_window(schedule, day);
        if (window && window->contains(at)) return true;
    }
    return false;
}

std::vector<Interval> schedule_windows(const ActivitySpec& spec, Instant from, Instant to) {
    std::vector<Interval> out;
    for (const Schedule& schedule : spec.schedules) {
        const auto [first, last] = day_span(schedule.zone, from, to);
        for (LocalDays day = first; day <= last; day += date::days{1}) {
            const auto window = schedule_window(schedule, day);
            if (window && window->start < to && window->end > from) out.push_back(*window);
        }
    }
    return out;
}

std::vector<Interval> exception_days(const ActivitySpec& spec, Instant from, Instant to) {
    std::vector<Interval> out;
    for (const Exception& exception : spec.exceptions) {
        const Interval day = exception_day(exception);
        if (day.start < to && day.end > from) out.push_back(day);
    }
    return normalize(std::move(out));
}

}  // namespace

bool is_active(const ActivitySpec& spec, Instant at) {
    if (!spec.enabled) return false;
    for (const ExtraWindow& extra : spec.extra_windows) {
        if (extra_window(extra).contains(at)) return true;
    }
    const bool on =
        always_on(spec) || std::any_of(spec.schedules.begin(), spec.schedules.end(),
                                       [at](const Schedule& s) { return schedule_covers(s, at); });
    if (!on) return false;
    return std::none_of(spec.exceptions.begin(), spec.exceptions.end(),
                        [at](const Exception& e) { return exception_day(e).contains(at); });
}

std::vector<Interval> active_intervals(const ActivitySpec& spec, Instant from, Instant to) {
    if (!spec.enabled || from >= to) return {};
    std::vector<Interval> on =
        always_on(spec) ? std::vector<Interval>{{from, to}} : schedule_windows(spec, from, to);
    on = subtract(normalize(std::move(on)), exception_days(spec, from, to));
    for (const ExtraWindow& extra : spec.extra_windows) on.push_back(extra_window(extra));
    return clip(normalize(std::move(on)), from, to);
}

}  // namespace tidepool::schedule
