#include "schedule/windows.h"

namespace tidepool::schedule {

namespace {

constexpr date::days kOneDay{1};

// Local end of the window that starts on `day`. 23:59 stands for midnight so consecutive days
// touch; an end before the start belongs to the next day (overnight).
LocalSeconds window_end(const Schedule& schedule, LocalDays day) {
    if (schedule.end == kLastMinute) return day + kOneDay;
    if (schedule.end < schedule.start) return day + kOneDay + schedule.end;
    return day + schedule.end;
}

}  // namespace

std::optional<Interval> schedule_window(const Schedule& schedule, LocalDays day) {
    if (!schedule.days.contains(date::weekday{day})) return std::nullopt;
    const Interval window{schedule.zone.to_sys(day + schedule.start),
                          schedule.zone.to_sys(window_end(schedule, day))};
    if (window.end <= window.start) return std::nullopt;
    return window;
}

Interval exception_day(const Exception& exception) {
    return {exception.zone.to_sys(exception.date), exception.zone.to_sys(exception.date + kOneDay)};
}

Interval extra_window(const ExtraWindow& extra) {
    return {extra.zone.to_sys(extra.start), extra.zone.to_sys(extra.end)};
}

}  // namespace tidepool::schedule
