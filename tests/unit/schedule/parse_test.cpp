// Parsing valid configs: what each field becomes.

#include <rapidjson/document.h>

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

TEST_CASE("a full spec parses into its parts") {
    const auto s = spec(R"({
        "enabled": true,
        "schedules": [{"days": ["mon", "wed", "sun"], "start": "07:05", "end": "23:59",
                       "timezone": "Europe/Berlin"}],
        "exceptions": [{"date": "2026-12-25", "timezone": "America/New_York"}],
        "extra_windows": [{"start": "2026-12-27T08:00", "end": "2026-12-28T01:30",
                           "timezone": "Australia/Lord_Howe"}]})");
    CHECK(s.enabled);
    REQUIRE(s.schedules.size() == 1);
    const Schedule& sch = s.schedules[0];
    CHECK(sch.days == WeekdaySet{date::Monday, date::Wednesday, date::Sunday});
    CHECK(sch.days.size() == 3);
    CHECK_FALSE(sch.days.contains(date::Tuesday));
    CHECK(sch.start.count() == 7 * 60 + 5);
    CHECK(sch.end == kLastMinute);
    CHECK(sch.zone.name() == "Europe/Berlin");
    REQUIRE(s.exceptions.size() == 1);
    CHECK(s.exceptions[0].date == LocalDays{date::year{2026} / 12 / 25});
    CHECK(s.exceptions[0].zone.name() == "America/New_York");
    REQUIRE(s.extra_windows.size() == 1);
    CHECK(s.extra_windows[0].start ==
          LocalDays{date::year{2026} / 12 / 27} + std::chrono::hours{8});
    CHECK(s.extra_windows[0].end ==
          LocalDays{date::year{2026} / 12 / 28} + std::chrono::minutes{90});
    CHECK(s.extra_windows[0].zone.name() == "Australia/Lord_Howe");
}

TEST_CASE("defaults and optional fields") {
    const auto empty = spec("{}");
    CHECK(empty.enabled);
    CHECK(empty.schedules.empty());
    CHECK(empty.exceptions.empty());
    CHECK(empty.extra_windows.empty());
    CHECK_FALSE(spec(R"({"enabled": false})").enabled);
    CHECK(spec("  \n").enabled);  // no stored schedule document at all
}

TEST_CASE("zone names: canonical, links, UTC") {
    for (const char* name : {"UTC", "Etc/UTC", "US/Eastern", "Asia/Kolkata", "Pacific/Chatham"}) {
        INFO(name);
        const auto s = spec(std::string(R"({"exceptions": [{"date": "2026-01-01", "timezone": ")") +
                            name + "\"}]}");
        CHECK(s.exceptions[0].zone.name() == name);
    }
    CHECK(Zone{}.name() == "UTC");
    CHECK_FALSE(Zone::locate("Not/AZone").has_value());
    CHECK_FALSE(Zone::locate("").has_value());
}

TEST_CASE("embedded in an autoscale config: other members belong to the config") {
    rapidjson::Document doc;
    doc.Parse(R"({"configs": [{}, {}, {"name": "burst", "min_available_sessions": 3,
        "enabled": false,
        "schedules": [{"days": ["fri"], "start": "18:00", "end": "06:00", "timezone": "UTC"}]}]})");
    REQUIRE_FALSE(doc.HasParseError());
    const auto parsed = parse_activity(doc["configs"][2], "/configs/2");
    INFO(describe(parsed.errors()));
    REQUIRE(parsed.ok());
    CHECK_FALSE(parsed.value().enabled);
    CHECK(parsed.value().schedules.size() == 1);
    // The same object read standalone refuses the config's own fields.
    const auto strict = parse_activity(doc["configs"][2], "/configs/2", ParseMode::kStandalone);
    REQUIRE(strict.errors().size() == 2);
    CHECK(strict.errors()[0].pointer == "/configs/2/name");
    CHECK(strict.errors()[1].pointer == "/configs/2/min_available_sessions");
}

TEST_CASE("WeekdaySet") {
    WeekdaySet set;
    CHECK(set.empty());
    set.insert(date::Sunday);
    set.insert(date::Sunday);
    CHECK(set.size() == 1);
    CHECK(set.contains(date::Sunday));
    CHECK(WeekdaySet::all().size() == 7);
    for (unsigned d = 0; d < 7; ++d) CHECK(WeekdaySet::all().contains(date::weekday{d}));
}

TEST_CASE("pointer_append escapes per RFC 6901") {
    CHECK(pointer_append("", "schedules") == "/schedules");
    CHECK(pointer_append("/configs/2", std::size_t{0}) == "/configs/2/0");
    CHECK(pointer_append("", "a/b~c") == "/a~1b~0c");
}

}  // namespace
}  // namespace tidepool::schedule::test
