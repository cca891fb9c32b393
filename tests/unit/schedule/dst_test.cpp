// Daylight-saving changes in three zones. The rules: a local time inside a spring-forward gap
// means the first valid instant after the gap; a local time that occurs twice at a fall-back
// means its first (earliest) occurrence. Starts and ends follow the same rule.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

struct DstCase {
    const char* name;
    const char* schedule;  // one schedule object
    const char* from;
    const char* to;
    std::vector<std::pair<std::string_view, std::string_view>> expected;
};

void check_cases(const std::vector<DstCase>& cases) {
    for (const auto& c : cases) {
        INFO(c.name);
        const auto s = spec(std::string(R"({"schedules": [)") + c.schedule + "]}");
        CHECK(render(active_intervals(s, at(c.from), at(c.to))) == render(c.expected));
    }
}

TEST_CASE("America/New_York: spring-forward gap (2026-03-08, 02:00 -> 03:00)") {
    check_cases({
        {"start in the gap begins at 03:00 EDT",
         R"({"days": ["sun"], "start": "02:30", "end": "10:00", "timezone": "America/New_York"})",
         "2026-03-08T00:00:00-05:00",
         "2026-03-09T00:00:00-04:00",
         {{"2026-03-08T03:00:00-04:00", "2026-03-08T10:00:00-04:00"}}},
        {"end in the gap ends at 03:00 EDT",
         R"({"days": ["sun"], "start": "01:00", "end": "02:30", "timezone": "America/New_York"})",
         "2026-03-08T00:00:00-05:00",
         "2026-03-09T00:00:00-04:00",
         {{"2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00"}}},
        {"a window wholly in the gap vanishes that day only",
         R"({"days": ["sun"], "start": "02:10", "end": "02:40", "timezone": "America/New_York"})",
         "2026-03-01T00:00:00-05:00",
         "2026-03-16T00:00:00-04:00",
         {{"2026-03-01T02:10:00-05:00", "2026-03-01T02:40:00-05:00"},
          {"2026-03-15T02:10:00-04:00", "2026-03-15T02:40:00-04:00"}}},
        {"an overnight window through the gap is an hour shorter",
         R"({"days": ["sat"], "start": "22:00", "end": "06:00", "timezone": "America/New_York"})",
         "2026-03-07T00:00:00-05:00",
         "2026-03-09T00:00:00-04:00",
         {{"2026-03-07T22:00:00-05:00", "2026-03-08T06:00:00-04:00"}}},
        {"business hours keep their wall-clock times across the change",
         R"({"days": ["fri", "mon"], "start": "09:00", "end": "17:00",
             "timezone": "America/New_York"})",
         "2026-03-06T00:00:00-05:00",
         "2026-03-10T00:00:00-04:00",
         {{"2026-03-06T14:00:00Z", "2026-03-06T22:00:00Z"},
          {"2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z"}}},
    });
    const auto s = spec(R"({"schedules": [{"days": ["sun"], "start": "02:30", "end": "10:00",
        "timezone": "America/New_York"}]})");
    CHECK_FALSE(is_active(s, at("2026-03-08T06:59:59Z")));  // 01:59:59 EST
    CHECK(is_active(s, at("2026-03-08T07:00:00Z")));        // 03:00:00 EDT
}

TEST_CASE("America/New_York: fall-back overlap (2026-11-01, 02:00 -> 01:00)") {
    check_cases({
        {"an ambiguous start uses the first 01:30 (EDT)",
         R"({"days": ["sun"], "start": "01:30", "end": "03:00", "timezone": "America/New_York"})",
         "2026-11-01T00:00:00-04:00",
         "2026-11-02T00:00:00-05:00",
         {{"2026-11-01T01:30:00-04:00", "2026-11-01T03:00:00-05:00"}}},
        {"an ambiguous end uses the first 01:30 (EDT) too",
         R"({"days": ["sun"], "start": "00:00", "end": "01:30", "timezone": "America/New_York"})",
         "2026-11-01T00:00:00-04:00",
         "2026-11-02T00:00:00-05:00",
         {{"2026-11-01T00:00:00-04:00", "2026-11-01T01:30:00-04:00"}}},
        {"an overnight window through the overlap is an hour longer",
         R"({"days": ["sat"], "start": "22:00", "end": "06:00", "timezone": "America/New_York"})",
         "2026-10-31T00:00:00-04:00",
         "2026-11-02T00:00:00-05:00",
         {{"2026-10-31T22:00:00-04:00", "2026-11-01T06:00:00-05:00"}}},
        {"a whole day stays whole (25 hours)",
         R"({"days": ["sun"], "start": "00:00", "end": "23:59", "timezone": "America/New_York"})",
         "2026-10-31T00:00:00-04:00",
         "2026-11-03T00:00:00-05:00",
         {{"2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"}}},
    });
    const auto s = spec(R"({"schedules": [{"days": ["sun"], "start": "00:00", "end": "01:30",
        "timezone": "America/New_York"}]})");
    CHECK(is_active(s, at("2026-11-01T01:15:00-04:00")));        // first 01:15
    CHECK_FALSE(is_active(s, at("2026-11-01T01:15:00-05:00")));  // second 01:15
}

TEST_CASE("Europe/Berlin: spring (2026-03-29) and autumn (2026-10-25)") {
    check_cases({
        {"start in the gap begins at 03:00 CEST",
         R"({"days": ["sun"], "start": "02:15", "end": "04:00", "timezone": "Europe/Berlin"})",
         "2026-03-28T00:00:00+01:00",
         "2026-03-30T00:00:00+02:00",
         {{"2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"}}},
        {"ambiguous 02:30 start is the CEST one",
         R"({"days": ["sun"], "start": "02:30", "end": "05:00", "timezone": "Europe/Berlin"})",
         "2026-10-24T00:00:00+02:00",
         "2026-10-26T00:00:00+01:00",
         {{"2026-10-25T02:30:00+02:00", "2026-10-25T05:00:00+01:00"}}},
        {"weekday mornings shift by an hour in UTC",
         R"({"days": ["fri", "mon"], "start": "08:00", "end": "12:00",
             "timezone": "Europe/Berlin"})",
         "2026-03-27T00:00:00Z",
         "2026-03-31T00:00:00Z",
         {{"2026-03-27T07:00:00Z", "2026-03-27T11:00:00Z"},
          {"2026-03-30T06:00:00Z", "2026-03-30T10:00:00Z"}}},
    });
}

TEST_CASE("Australia/Lord_Howe: 30-minute shifts") {
    // Standard +10:30, summer +11:00. 2026-04-05 02:00 -> 01:30; 2026-10-04 02:00 -> 02:30.
    check_cases({
        {"ambiguous 01:40 start is the first (+11:00)",
         R"({"days": ["sun"], "start": "01:40", "end": "02:30",
             "timezone": "Australia/Lord_Howe"})",
         "2026-04-04T00:00:00+11:00",
         "2026-04-06T00:00:00+10:30",
         {{"2026-04-05T01:40:00+11:00", "2026-04-05T02:30:00+10:30"}}},
        {"start in the half-hour gap begins at 02:30 (+11:00)",
         R"({"days": ["sun"], "start": "02:10", "end": "03:00",
             "timezone": "Australia/Lord_Howe"})",
         "2026-10-03T00:00:00+10:30",
         "2026-10-05T00:00:00+11:00",
         {{"2026-10-04T02:30:00+11:00", "2026-10-04T03:00:00+11:00"}}},
        {"daily 09:00-17:00 moves by thirty minutes in UTC",
         R"({"days": ["sat", "mon"], "start": "09:00", "end": "17:00",
             "timezone": "Australia/Lord_Howe"})",
         "2026-10-03T00:00:00+10:30",
         "2026-10-06T00:00:00+11:00",
         {{"2026-10-02T22:30:00Z", "2026-10-03T06:30:00Z"},
          {"2026-10-04T22:00:00Z", "2026-10-05T06:00:00Z"}}},
    });
    const auto s = spec(R"({"schedules": [{"days": ["sun"], "start": "02:10", "end": "03:00",
        "timezone": "Australia/Lord_Howe"}]})");
    CHECK_FALSE(is_active(s, at("2026-10-03T15:29:59Z")));  // 01:59:59 +10:30
    CHECK(is_active(s, at("2026-10-03T15:30:00Z")));        // 02:30:00 +11:00
}

TEST_CASE("a whole week of 00:00-23:59 has no hole at any DST change") {
    for (const char* zone : {"America/New_York", "Europe/Berlin", "Australia/Lord_Howe"}) {
        INFO(zone);
        const auto s = spec(std::string(R"({"schedules": [{"days": ["mon", "tue", "wed", "thu",
            "fri", "sat", "sun"], "start": "00:00", "end": "23:59", "timezone": ")") +
                            zone + "\"}]}");
        CHECK(render(active_intervals(s, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))) ==
              render({{"2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"}}));
    }
}

}  // namespace
}  // namespace tidepool::schedule::test
