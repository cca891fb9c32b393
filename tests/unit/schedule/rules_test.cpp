// The activity rules one at a time: no schedule, disabled, 23:59, Sunday -> Monday, exception
// days, extra windows and how they combine.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

const Instant kFrom = at("2026-01-01T00:00:00Z");
const Instant kTo = at("2026-01-15T00:00:00Z");

TEST_CASE("no schedule and no extra window: always active") {
    for (const char* json : {"{}", R"({"enabled": true})", R"({"schedules": []})", ""}) {
        INFO("spec " << json);
        const auto s = spec(json);
        CHECK(is_active(s, at("2026-05-01T03:00:00Z")));
        CHECK(render(active_intervals(s, kFrom, kTo)) ==
              render({{"2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z"}}));
        CHECK_FALSE(next_change(s, kFrom).has_value());
    }
}

TEST_CASE("disabled: never active, not even in an extra window") {
    const auto s = spec(R"({"enabled": false,
        "schedules": [{"days": ["mon"], "start": "00:00", "end": "23:59", "timezone": "UTC"}],
        "extra_windows": [{"start": "2026-01-03T08:00", "end": "2026-01-03T09:00",
                           "timezone": "UTC"}]})");
    CHECK_FALSE(s.enabled);
    CHECK_FALSE(is_active(s, at("2026-01-05T12:00:00Z")));  // a Monday
    CHECK_FALSE(is_active(s, at("2026-01-03T08:30:00Z")));  // inside the extra window
    CHECK(active_intervals(s, kFrom, kTo).empty());
    CHECK_FALSE(next_change(s, kFrom).has_value());
    CHECK_FALSE(is_active(spec(R"({"enabled": false})"), kFrom));
}

TEST_CASE("extra windows without schedules: active only during them") {
    const auto s = spec(R"({"extra_windows": [{"start": "2026-01-03T08:00",
        "end": "2026-01-03T09:30", "timezone": "Asia/Tokyo"}]})");
    CHECK(render(active_intervals(s, kFrom, kTo)) ==
          render({{"2026-01-03T08:00:00+09:00", "2026-01-03T09:30:00+09:00"}}));
    CHECK_FALSE(is_active(s, at("2026-01-03T07:59:59+09:00")));
    CHECK(is_active(s, at("2026-01-03T08:00:00+09:00")));
    CHECK_FALSE(is_active(s, at("2026-01-03T09:30:00+09:00")));
}

TEST_CASE("an end of 23:59 counts to midnight") {
    const auto s = spec(R"({"schedules": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat",
        "sun"], "start": "00:00", "end": "23:59", "timezone": "Europe/Paris"}]})");
    CHECK(render(active_intervals(s, kFrom, kTo)) ==
          render({{"2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z"}}));
    CHECK(is_active(s, at("2026-01-06T23:59:30+01:00")));
    CHECK_FALSE(next_change(s, kFrom).has_value());

    const auto evening = spec(R"({"schedules": [{"days": ["fri"], "start": "22:00",
        "end": "23:59", "timezone": "UTC"}]})");
    CHECK(render(active_intervals(evening, kFrom, kTo)) ==
          render({{"2026-01-02T22:00:00Z", "2026-01-03T00:00:00Z"},
                  {"2026-01-09T22:00:00Z", "2026-01-10T00:00:00Z"}}));
}

TEST_CASE("overnight from Sunday ends on Monday") {
    const auto s = spec(R"({"schedules": [{"days": ["sun"], "start": "22:00", "end": "06:00",
        "timezone": "Europe/London"}]})");
    // 2026-01-04 and 2026-01-11 are Sundays; the window from Sunday 2025-12-28 reaches in too.
    CHECK(render(active_intervals(s, kFrom, kTo)) ==
          render({{"2026-01-04T22:00:00Z", "2026-01-05T06:00:00Z"},
                  {"2026-01-11T22:00:00Z", "2026-01-12T06:00:00Z"}}));
    CHECK(render(active_intervals(s, at("2025-12-29T03:00:00Z"), kTo))
              .starts_with("2025-12-29T03:00:00Z/2025-12-29T06:00:00Z\n"));
    CHECK(is_active(s, at("2026-01-05T05:59:59Z")));
    CHECK_FALSE(is_active(s, at("2026-01-05T06:00:00Z")));
    CHECK_FALSE(is_active(s, at("2026-01-05T22:30:00Z")));  // Monday night: not selected
}

TEST_CASE("an exception day switches schedule windows off for that local day") {
    const auto s = spec(R"({
        "schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "07:00",
                       "end": "18:00", "timezone": "America/New_York"}],
        "exceptions": [{"date": "2026-01-07", "timezone": "America/New_York"}]})");
    const auto list =
        active_intervals(s, at("2026-01-06T00:00:00-05:00"), at("2026-01-09T00:00:00-05:00"));
    CHECK(render(list) == render({{"2026-01-06T07:00:00-05:00", "2026-01-06T18:00:00-05:00"},
                                  {"2026-01-08T07:00:00-05:00", "2026-01-08T18:00:00-05:00"}}));
    CHECK_FALSE(is_active(s, at("2026-01-07T12:00:00-05:00")));
    CHECK(is_active(s, at("2026-01-08T12:00:00-05:00")));
}

TEST_CASE("an exception day cuts an overnight window at local midnight") {
    const auto s = spec(R"({
        "schedules": [{"days": ["tue"], "start": "21:00", "end": "05:00", "timezone": "UTC"}],
        "exceptions": [{"date": "2026-01-07", "timezone": "UTC"}]})");
    CHECK(render(active_intervals(s, at("2026-01-06T00:00:00Z"), at("2026-01-08T00:00:00Z"))) ==
          render({{"2026-01-06T21:00:00Z", "2026-01-07T00:00:00Z"}}));
}

TEST_CASE("an exception day in another zone than the schedule") {
    // Tokyo's 2026-01-07 is 2026-01-06T10:00 to 2026-01-07T10:00 in New York (-05:00).
    const auto s = spec(R"({
        "schedules": [{"days": ["tue", "wed"], "start": "07:00", "end": "18:00",
                       "timezone": "America/New_York"}],
        "exceptions": [{"date": "2026-01-07", "timezone": "Asia/Tokyo"}]})");
    CHECK(render(active_intervals(s, at("2026-01-06T00:00:00-05:00"),
                                  at("2026-01-08T00:00:00-05:00"))) ==
          render({{"2026-01-06T07:00:00-05:00", "2026-01-06T10:00:00-05:00"},
                  {"2026-01-07T10:00:00-05:00", "2026-01-07T18:00:00-05:00"}}));
}

TEST_CASE("an exception day also switches off a config without schedules") {
    const auto s = spec(R"({"exceptions": [{"date": "2026-01-07", "timezone": "UTC"}]})");
    CHECK(render(active_intervals(s, kFrom, kTo)) ==
          render({{"2026-01-01T00:00:00Z", "2026-01-07T00:00:00Z"},
                  {"2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z"}}));
    CHECK(show(next_change(s, kFrom)) == "2026-01-07T00:00:00Z");
}

TEST_CASE("an extra window turns it on, even on an exception day") {
    const auto s = spec(R"({
        "schedules": [{"days": ["wed"], "start": "09:00", "end": "17:00", "timezone": "UTC"}],
        "exceptions": [{"date": "2026-01-07", "timezone": "UTC"}],
        "extra_windows": [
            {"start": "2026-01-07T10:00", "end": "2026-01-07T12:00", "timezone": "UTC"},
            {"start": "2026-01-14T16:00", "end": "2026-01-14T20:00", "timezone": "UTC"}]})");
    CHECK(render(active_intervals(s, kFrom, kTo)) ==
          render({{"2026-01-07T10:00:00Z", "2026-01-07T12:00:00Z"},     // only the extra one
                  {"2026-01-14T09:00:00Z", "2026-01-14T20:00:00Z"}}));  // merged with Wed
    CHECK(is_active(s, at("2026-01-07T11:00:00Z")));
    CHECK_FALSE(is_active(s, at("2026-01-07T13:00:00Z")));
    CHECK(is_active(s, at("2026-01-14T19:59:59Z")));
}

TEST_CASE("windows from different schedules and zones merge into maximal intervals") {
    // Berlin 08:00-12:00 (+01:00) is 07:00-11:00Z; London 11:00-15:00 touches it.
    const auto s = spec(R"({"schedules": [
        {"days": ["mon"], "start": "08:00", "end": "12:00", "timezone": "Europe/Berlin"},
        {"days": ["mon"], "start": "11:00", "end": "15:00", "timezone": "Europe/London"},
        {"days": ["mon"], "start": "12:00", "end": "13:00", "timezone": "UTC"}]})");
    CHECK(render(active_intervals(s, at("2026-01-05T00:00:00Z"), at("2026-01-06T00:00:00Z"))) ==
          render({{"2026-01-05T07:00:00Z", "2026-01-05T15:00:00Z"}}));
}

TEST_CASE("intervals are clipped to the range asked for") {
    const auto s = spec(R"({"schedules": [{"days": ["mon"], "start": "08:00", "end": "18:00",
        "timezone": "UTC"}]})");
    CHECK(render(active_intervals(s, at("2026-01-05T10:00:00Z"), at("2026-01-05T11:00:00Z"))) ==
          render({{"2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"}}));
    CHECK(active_intervals(s, at("2026-01-05T11:00:00Z"), at("2026-01-05T11:00:00Z")).empty());
    CHECK(active_intervals(s, at("2026-01-05T12:00:00Z"), at("2026-01-05T11:00:00Z")).empty());
}

}  // namespace
}  // namespace tidepool::schedule::test
