// Every refused input: the exact JSON pointer, the bad value as JSON text, and a message that
// says what is allowed. One JSON document per row, each with exactly one fault.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

struct BadInput {
    const char* name;
    std::string json;
    const char* pointer;
    const char* value;
    const char* says;  // a piece of the message
};

// A schedule entry with one field replaced: `field` is the JSON member text, e.g. "\"start\": 7".
std::string schedule_with(std::string_view days, std::string_view start, std::string_view end,
                          std::string_view zone, std::string_view extra = "") {
    return std::string(R"({"schedules": [{"days": )") + std::string(days) + R"(, "start": )" +
           std::string(start) + R"(, "end": )" + std::string(end) + R"(, "timezone": )" +
           std::string(zone) + std::string(extra) + "}]}";
}

const std::string kDays = R"(["mon"])";

std::vector<BadInput> cases() {
    const char* allowed = "allowed values: mon, tue, wed, thu, fri, sat, sun";
    return {
        {"long day name",
         schedule_with(R"(["mon", "tue", "wednesday"])", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days/2", "\"wednesday\"", allowed},
        {"capitalised day", schedule_with(R"(["Mon"])", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days/0", "\"Mon\"", allowed},
        {"day not a string", schedule_with("[1]", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days/0", "1", allowed},
        {"empty days", schedule_with("[]", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days", "[]", "at least one day"},
        {"days not an array", schedule_with("\"mon\"", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days", "\"mon\"", "array of day names"},
        {"duplicate day",
         schedule_with(R"(["mon", "fri", "mon"])", "\"08:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/days/2", "\"mon\"", "already listed at /schedules/0/days/0"},
        {"hour 25", schedule_with(kDays, "\"25:00\"", "\"17:00\"", "\"UTC\""), "/schedules/0/start",
         "\"25:00\"", "\"HH:MM\""},
        {"hour 24", schedule_with(kDays, "\"08:00\"", "\"24:00\"", "\"UTC\""), "/schedules/0/end",
         "\"24:00\"", "\"23:59\""},
        {"minute 60", schedule_with(kDays, "\"08:00\"", "\"12:60\"", "\"UTC\""), "/schedules/0/end",
         "\"12:60\"", "\"HH:MM\""},
        {"one-digit hour", schedule_with(kDays, "\"7:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/start", "\"7:00\"", "two digits"},
        {"seconds given", schedule_with(kDays, "\"07:00:00\"", "\"17:00\"", "\"UTC\""),
         "/schedules/0/start", "\"07:00:00\"", "\"HH:MM\""},
        {"time as number", schedule_with(kDays, "700", "\"17:00\"", "\"UTC\""),
         "/schedules/0/start", "700", "\"HH:MM\""},
        {"end equals start", schedule_with(kDays, "\"08:00\"", "\"08:00\"", "\"UTC\""),
         "/schedules/0/end", "\"08:00\"", "end equals start (08:00)"},
        {"unknown zone", schedule_with(kDays, "\"08:00\"", "\"17:00\"", "\"Mars/Olympus\""),
         "/schedules/0/timezone", "\"Mars/Olympus\"", "IANA time zone"},
        {"zone in wrong case", schedule_with(kDays, "\"08:00\"", "\"17:00\"", "\"europe/berlin\""),
         "/schedules/0/timezone", "\"europe/berlin\"", "did you mean \"Europe/Berlin\"?"},
        {"zone as number", schedule_with(kDays, "\"08:00\"", "\"17:00\"", "1"),
         "/schedules/0/timezone", "1", "IANA time zone"},
        {"unknown schedule field",
         schedule_with(kDays, "\"08:00\"", "\"17:00\"", "\"UTC\"", R"(, "tz": "UTC")"),
         "/schedules/0/tz", "\"UTC\"",
         "unknown field \"tz\"; allowed fields: days, start, end, timezone"},
        {"field name needing escape",
         schedule_with(kDays, "\"08:00\"", "\"17:00\"", "\"UTC\"", R"(, "a/b": 1)"),
         "/schedules/0/a~1b", "1", "unknown field \"a/b\""},
        {"missing timezone", R"({"schedules": [{"days": ["mon"], "start": "08:00",
            "end": "17:00"}]})",
         "/schedules/0/timezone", "", "missing required field \"timezone\""},
        {"missing start", R"({"schedules": [{"days": ["mon"], "end": "17:00",
            "timezone": "UTC"}]})",
         "/schedules/0/start", "", "missing required field \"start\""},
        {"schedule not an object", R"({"schedules": ["mon 08:00-17:00"]})", "/schedules/0",
         "\"mon 08:00-17:00\"", "schedule object"},
        {"schedules not an array", R"({"schedules": {"days": ["mon"]}})", "/schedules",
         R"({"days":["mon"]})", "array of schedule objects"},
        {"schedules null", R"({"schedules": null})", "/schedules", "null", "array"},
        {"enabled as string", R"({"enabled": "yes"})", "/enabled", "\"yes\"", "true or false"},
        {"unknown top-level field", R"({"schedule": []})", "/schedule", "[]",
         "allowed fields: enabled, schedules, exceptions, extra_windows"},
        {"not an object", "[]", "", "[]", "expected an object"},
        {"impossible date", R"({"exceptions": [{"date": "2026-02-30", "timezone": "UTC"}]})",
         "/exceptions/0/date", "\"2026-02-30\"", "\"YYYY-MM-DD\""},
        {"short date", R"({"exceptions": [{"date": "2026-2-3", "timezone": "UTC"}]})",
         "/exceptions/0/date", "\"2026-2-3\"", "\"YYYY-MM-DD\""},
        {"exception unknown field", R"({"exceptions": [{"date": "2026-02-03",
            "timezone": "UTC", "reason": "holiday"}]})",
         "/exceptions/0/reason", "\"holiday\"", "allowed fields: date, timezone"},
        {"exception zone missing", R"({"exceptions": [{"date": "2026-02-03"}]})",
         "/exceptions/0/timezone", "", "missing required field"},
        {"extra window end before start", R"({"extra_windows": [{"start": "2026-12-27T08:00",
            "end": "2026-12-27T07:00", "timezone": "UTC"}]})",
         "/extra_windows/0/end", "\"2026-12-27T07:00\"",
         "end must be later than start (2026-12-27T08:00)"},
        {"extra window end equals start", R"({"extra_windows": [{"start": "2026-12-27T08:00",
            "end": "2026-12-27T08:00", "timezone": "UTC"}]})",
         "/extra_windows/0/end", "\"2026-12-27T08:00\"", "later than start"},
        {"extra window with a space", R"({"extra_windows": [{"start": "2026-12-27 08:00",
            "end": "2026-12-27T09:00", "timezone": "UTC"}]})",
         "/extra_windows/0/start", "\"2026-12-27 08:00\"", "\"YYYY-MM-DDTHH:MM\""},
        {"extra window hour 24", R"({"extra_windows": [{"start": "2026-12-27T08:00",
            "end": "2026-12-27T24:00", "timezone": "UTC"}]})",
         "/extra_windows/0/end", "\"2026-12-27T24:00\"", "\"YYYY-MM-DDTHH:MM\""},
        {"extra windows not an array", R"({"extra_windows": 3})", "/extra_windows", "3",
         "array of extra window objects"},
        {"malformed JSON", R"({"schedules": [)", "", "", "invalid JSON at offset"},
    };
}

TEST_CASE("each bad input is refused with its pointer, value and what is allowed") {
    for (const BadInput& c : cases()) {
        INFO(c.name << "\n" << c.json);
        const auto found = errors(c.json);
        INFO(describe(found));
        REQUIRE(found.size() == 1);
        CHECK(found[0].pointer == c.pointer);
        CHECK(found[0].value == c.value);
        CHECK(found[0].message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("pointers carry the prefix of the config in its document") {
    for (const BadInput& c : cases()) {
        INFO(c.name);
        const auto found = errors(c.json, "/configs/2");
        REQUIRE(found.size() == 1);
        CHECK(found[0].pointer == std::string("/configs/2") + c.pointer);
    }
}

TEST_CASE("all errors are reported, in document order, not just the first") {
    const auto found = errors(R"({
        "enabled": 1,
        "schedules": [
            {"days": ["mon", "funday"], "start": "7:00", "end": "17:00", "timezone": "UTC"},
            {"days": ["tue"], "start": "09:00", "end": "09:00", "timezone": "Nowhere/City",
             "note": "x"}],
        "exceptions": [{"date": "tomorrow", "timezone": "UTC"}],
        "extra_windows": [{"start": "2026-01-02T10:00", "end": "2026-01-01T10:00",
                           "timezone": "UTC"}]})");
    std::vector<std::string> pointers;
    for (const auto& e : found) pointers.push_back(e.pointer);
    CHECK(pointers == std::vector<std::string>{"/enabled", "/schedules/0/days/1",
                                               "/schedules/0/start", "/schedules/1/note",
                                               "/schedules/1/timezone", "/schedules/1/end",
                                               "/exceptions/0/date", "/extra_windows/0/end"});
}

TEST_CASE("a long bad value is shortened in the report") {
    const std::string big(500, 'x');
    const auto found = errors(R"({"enabled": ")" + big + "\"}");
    REQUIRE(found.size() == 1);
    CHECK(found[0].value.size() < 220);
    CHECK(found[0].value.ends_with("..."));
}

}  // namespace
}  // namespace tidepool::schedule::test
