// The product brief's schedule examples, checked as intervals and as point look-ups.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

struct Probe {
    const char* when;
    bool active;
};

void check_probes(const ActivitySpec& s, std::initializer_list<Probe> probes) {
    for (const auto& probe : probes) {
        INFO("at " << probe.when);
        CHECK(is_active(s, at(probe.when)) == probe.active);
    }
}

TEST_CASE("business hours: weekdays 07:00-18:00") {
    const auto s = spec(R"({"schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"],
        "start": "07:00", "end": "18:00", "timezone": "America/New_York"}]})");
    // 2026-01-03 is a Saturday.
    CHECK(render(active_intervals(s, at("2026-01-03T00:00:00-05:00"),
                                  at("2026-01-11T00:00:00-05:00"))) ==
          render({{"2026-01-05T07:00:00-05:00", "2026-01-05T18:00:00-05:00"},
                  {"2026-01-06T07:00:00-05:00", "2026-01-06T18:00:00-05:00"},
                  {"2026-01-07T07:00:00-05:00", "2026-01-07T18:00:00-05:00"},
                  {"2026-01-08T07:00:00-05:00", "2026-01-08T18:00:00-05:00"},
                  {"2026-01-09T07:00:00-05:00", "2026-01-09T18:00:00-05:00"}}));
    check_probes(s, {{"2026-01-05T06:59:59-05:00", false},
                     {"2026-01-05T07:00:00-05:00", true},
                     {"2026-01-05T17:59:59-05:00", true},
                     {"2026-01-05T18:00:00-05:00", false},
                     {"2026-01-05T12:00:00Z", true},  // 07:00 New York
                     {"2026-01-10T10:00:00-05:00", false},
                     {"2026-01-11T10:00:00-05:00", false}});
}

TEST_CASE("Wednesday 15:00 to Friday 11:00 as three schedules has no gap") {
    const auto s = spec(R"({"schedules": [
        {"days": ["wed"], "start": "15:00", "end": "23:59", "timezone": "Europe/Berlin"},
        {"days": ["thu"], "start": "00:00", "end": "23:59", "timezone": "Europe/Berlin"},
        {"days": ["fri"], "start": "00:00", "end": "11:00", "timezone": "Europe/Berlin"}]})");
    // 2026-01-07 is a Wednesday: one interval, no minute missing at either midnight.
    CHECK(render(active_intervals(s, at("2026-01-05T00:00:00+01:00"),
                                  at("2026-01-12T00:00:00+01:00"))) ==
          render({{"2026-01-07T15:00:00+01:00", "2026-01-09T11:00:00+01:00"}}));
    check_probes(s, {{"2026-01-07T14:59:59+01:00", false},
                     {"2026-01-07T15:00:00+01:00", true},
                     {"2026-01-07T23:59:00+01:00", true},
                     {"2026-01-07T23:59:59+01:00", true},
                     {"2026-01-08T00:00:00+01:00", true},
                     {"2026-01-08T23:59:30+01:00", true},
                     {"2026-01-09T00:00:00+01:00", true},
                     {"2026-01-09T10:59:59+01:00", true},
                     {"2026-01-09T11:00:00+01:00", false},
                     {"2026-01-10T12:00:00+01:00", false}});
}

TEST_CASE("overnight: Tuesday and Thursday 21:00 to 05:00 the next day") {
    const auto s = spec(R"({"schedules": [{"days": ["tue", "thu"], "start": "21:00",
        "end": "05:00", "timezone": "America/Chicago"}]})");
    // Week of Monday 2026-06-01 (CDT, -05:00).
    CHECK(render(active_intervals(s, at("2026-06-01T00:00:00-05:00"),
                                  at("2026-06-08T00:00:00-05:00"))) ==
          render({{"2026-06-02T21:00:00-05:00", "2026-06-03T05:00:00-05:00"},
                  {"2026-06-04T21:00:00-05:00", "2026-06-05T05:00:00-05:00"}}));
    check_probes(s, {{"2026-06-01T23:00:00-05:00", false},  // Monday night: not selected
                     {"2026-06-02T20:59:59-05:00", false},
                     {"2026-06-02T21:00:00-05:00", true},
                     {"2026-06-03T00:00:00-05:00", true},  // Wednesday 00:00-05:00
                     {"2026-06-03T04:59:59-05:00", true},
                     {"2026-06-03T05:00:00-05:00", false},
                     {"2026-06-03T21:00:00-05:00", false},  // Wednesday night: not selected
                     {"2026-06-05T03:00:00-05:00", true},   // Friday 00:00-05:00
                     {"2026-06-05T05:00:00-05:00", false}});
}

TEST_CASE("Monday/Wednesday/Friday with several windows a day") {
    const auto s = spec(R"({"schedules": [
        {"days": ["mon", "wed", "fri"], "start": "08:00", "end": "12:00", "timezone": "UTC"},
        {"days": ["mon", "wed", "fri"], "start": "13:00", "end": "17:00", "timezone": "UTC"},
        {"days": ["wed"], "start": "11:30", "end": "13:30", "timezone": "UTC"}]})");
    // Monday 2026-02-02. Wednesday's bridge window joins its two shifts into one stretch.
    CHECK(render(active_intervals(s, at("2026-02-02T00:00:00Z"), at("2026-02-09T00:00:00Z"))) ==
          render({{"2026-02-02T08:00:00Z", "2026-02-02T12:00:00Z"},
                  {"2026-02-02T13:00:00Z", "2026-02-02T17:00:00Z"},
                  {"2026-02-04T08:00:00Z", "2026-02-04T17:00:00Z"},
                  {"2026-02-06T08:00:00Z", "2026-02-06T12:00:00Z"},
                  {"2026-02-06T13:00:00Z", "2026-02-06T17:00:00Z"}}));
    check_probes(s, {{"2026-02-02T12:30:00Z", false},
                     {"2026-02-04T12:30:00Z", true},
                     {"2026-02-03T09:00:00Z", false},
                     {"2026-02-06T16:59:59Z", true}});
}

}  // namespace
}  // namespace tidepool::schedule::test
