#pragma once
// Where each piece of an ActivitySpec lies in UTC. Every local wall-clock time goes through
// Zone::to_sys, so the DST rules (gap -> first instant after it, overlap -> first occurrence)
// apply the same way to starts and ends of schedules, exception days and extra windows.

#include <optional>

#include "schedule/types.h"

namespace tidepool::schedule {

// The window `schedule` opens on local day `day`, or nullopt when that weekday is not selected
// or DST squeezed the window to nothing (e.g. 02:10-02:40 on a spring-forward day in New York).
std::optional<Interval> schedule_window(const Schedule& schedule, LocalDays day);

// The exception's local day, [00:00, next day 00:00), in UTC.
Interval exception_day(const Exception& exception);

// The extra window in UTC; may be empty when both ends fall in one DST gap.
Interval extra_window(const ExtraWindow& extra);

}  // namespace tidepool::schedule
