// next_change: when the planner should wake up next.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

const char* kBusinessHours = R"({"schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"],
    "start": "07:00", "end": "18:00", "timezone": "America/New_York"}]})";

struct Case {
    const char* name;
    std::string json;
    const char* at;
    const char* expected;  // "never" for nullopt
};

TEST_CASE("the next flip of the activity") {
    const std::vector<Case> cases = {
        {"before opening", kBusinessHours, "2026-01-05T06:00:00-05:00", "2026-01-05T12:00:00Z"},
        {"at opening: the close", kBusinessHours, "2026-01-05T07:00:00-05:00",
         "2026-01-05T23:00:00Z"},
        {"during the day", kBusinessHours, "2026-01-05T10:00:00-05:00", "2026-01-05T23:00:00Z"},
        {"Friday evening: Monday morning", kBusinessHours, "2026-01-09T19:00:00-05:00",
         "2026-01-12T12:00:00Z"},
        {"across the spring change", kBusinessHours, "2026-03-06T19:00:00-05:00",
         "2026-03-09T11:00:00Z"},
        {"always on", "{}", "2026-01-05T10:00:00Z", "never"},
        {"disabled", R"({"enabled": false})", "2026-01-05T10:00:00Z", "never"},
        {"every minute of the week", R"({"schedules": [{"days": ["mon", "tue", "wed", "thu",
            "fri", "sat", "sun"], "start": "00:00", "end": "23:59",
            "timezone": "Europe/Berlin"}]})",
         "2026-01-05T10:00:00Z", "never"},
        {"always on until a holiday next year", R"({"exceptions": [{"date": "2027-12-25",
            "timezone": "Europe/Berlin"}]})",
         "2026-01-05T10:00:00Z", "2027-12-24T23:00:00Z"},
        {"in the holiday: its end", R"({"exceptions": [{"date": "2027-12-25",
            "timezone": "Europe/Berlin"}]})",
         "2027-12-25T12:00:00+01:00", "2027-12-25T23:00:00Z"},
        {"past exceptions change nothing", R"({"exceptions": [{"date": "2025-12-25",
            "timezone": "UTC"}]})",
         "2026-01-05T10:00:00Z", "never"},
        {"only an extra window: its start", R"({"extra_windows": [{"start": "2028-06-01T08:00",
            "end": "2028-06-01T09:00", "timezone": "UTC"}]})",
         "2026-01-05T10:00:00Z", "2028-06-01T08:00:00Z"},
        {"inside a long extra window: its end", R"({"extra_windows": [{
            "start": "2026-01-01T00:00", "end": "2029-01-01T00:00", "timezone": "UTC"}]})",
         "2026-01-05T10:00:00Z", "2029-01-01T00:00:00Z"},
        {"after the last extra window", R"({"extra_windows": [{"start": "2026-01-01T00:00",
            "end": "2026-01-02T00:00", "timezone": "UTC"}]})",
         "2026-01-05T10:00:00Z", "never"},
        {"touching extra windows are one stretch", R"({"extra_windows": [
            {"start": "2026-01-05T08:00", "end": "2026-01-05T12:00", "timezone": "UTC"},
            {"start": "2026-01-05T12:00", "end": "2026-01-05T14:00", "timezone": "UTC"}]})",
         "2026-01-05T10:00:00Z", "2026-01-05T14:00:00Z"},
        {"a month of holidays over business hours",
         std::string(R"({
            "schedules": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "07:00",
                           "end": "18:00", "timezone": "UTC"}],
            "exceptions": [)") +
             [] {
                 std::string list;
                 for (int day = 1; day <= 31; ++day) {
                     list += std::string(day > 1 ? "," : "") + R"({"date": "2026-08-)" +
                             (day < 10 ? "0" : "") + std::to_string(day) +
                             R"(", "timezone": "UTC"})";
                 }
                 return list;
             }() +
             "]}",
         "2026-07-31T18:00:00Z", "2026-09-01T07:00:00Z"},
        {"Sunday overnight into Monday", R"({"schedules": [{"days": ["sun"], "start": "22:00",
            "end": "06:00", "timezone": "UTC"}]})",
         "2026-01-04T23:00:00Z", "2026-01-05T06:00:00Z"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(show(next_change(spec(c.json), at(c.at))) == c.expected);
    }
}

TEST_CASE("a schedule hole that one week's DST gap hides is still found") {
    // On all week except Sunday 02:00-03:00 New York time. On 2026-03-08 that hour does not
    // exist, so the first real flip from just before it is a week later.
    const auto s = spec(R"({"schedules": [
        {"days": ["mon", "tue", "wed", "thu", "fri", "sat"], "start": "00:00", "end": "23:59",
         "timezone": "America/New_York"},
        {"days": ["sun"], "start": "00:00", "end": "02:00", "timezone": "America/New_York"},
        {"days": ["sun"], "start": "03:00", "end": "23:59", "timezone": "America/New_York"}]})");
    CHECK(show(next_change(s, at("2026-03-08T01:00:00-05:00"))) == "2026-03-15T06:00:00Z");
    CHECK(show(next_change(s, at("2026-03-01T12:00:00-05:00"))) == "2026-03-15T06:00:00Z");
}

}  // namespace
}  // namespace tidepool::schedule::test
