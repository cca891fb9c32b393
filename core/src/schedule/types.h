#pragma once
// Value types of a config's activity: weekly schedules, days off, one-off extra windows.
// Plain data; parse.h builds them from JSON, evaluate.h answers questions about them.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "schedule/zone.h"

namespace tidepool::schedule {

// A set of days of the week, as a bitmask indexed by date::weekday::c_encoding() (Sun = 0).
class WeekdaySet {
public:
    constexpr WeekdaySet() = default;
    constexpr WeekdaySet(std::initializer_list<date::weekday> days) {
        for (const auto day : days) insert(day);
    }
    static constexpr WeekdaySet all() { return WeekdaySet(0x7f); }

    constexpr void insert(date::weekday day) { bits_ |= bit(day); }
    constexpr bool contains(date::weekday day) const { return (bits_ & bit(day)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr int size() const {
        int n = 0;
        for (unsigned b = bits_; b != 0; b &= b - 1) ++n;
        return n;
    }
    friend constexpr bool operator==(WeekdaySet, WeekdaySet) = default;

private:
    constexpr explicit WeekdaySet(std::uint8_t bits) : bits_(bits) {}
    static constexpr std::uint8_t bit(date::weekday day) {
        return static_cast<std::uint8_t>(1u << day.c_encoding());
    }
    std::uint8_t bits_ = 0;
};

// The last minute a user can type, 23:59. As an *end* it means midnight (24:00), so a day that
// ends 23:59 and the next that starts 00:00 touch with no one-minute gap.
inline constexpr std::chrono::minutes kLastMinute{23 * 60 + 59};

// Active on each selected local day D during [D + start, D + end). When end < start the window
// is overnight: [D + start, D + 1 day + end). start == end is refused by the parser.
struct Schedule {
    WeekdaySet days;
    std::chrono::minutes start{0};  // since local midnight, 00:00..23:59
    std::chrono::minutes end{0};    // since local midnight, 00:00..23:59 (23:59 = 24:00)
    Zone zone;                      // zone.name() is the IANA name the config gave
};

// The local calendar day `date` in `zone`, [00:00, next 00:00), is a day off: schedule windows
// (and the implicit always-on of a config without schedules) are switched off during it.
struct Exception {
    LocalDays date{};
    Zone zone;
};

// A one-off on-time [start, end) in local wall-clock time; the parser requires end > start.
struct ExtraWindow {
    LocalSeconds start{};
    LocalSeconds end{};
    Zone zone;
};

struct ActivitySpec {
    bool enabled = true;
    std::vector<Schedule> schedules;
    std::vector<Exception> exceptions;
    std::vector<ExtraWindow> extra_windows;
};

// A half-open UTC interval [start, end).
struct Interval {
    Instant start;
    Instant end;

    bool contains(Instant at) const { return start <= at && at < end; }
    friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace tidepool::schedule
