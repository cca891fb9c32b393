// ISO-8601 instants for the CLI and the preview JSON shape.

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

TEST_CASE("instants with Z or an offset") {
    struct Case {
        const char* text;
        const char* utc;
    };
    const std::vector<Case> cases = {
        {"2026-03-08T10:00:00Z", "2026-03-08T10:00:00Z"},
        {"2026-03-08T10:00Z", "2026-03-08T10:00:00Z"},
        {"2026-03-08t10:00:00z", "2026-03-08T10:00:00Z"},
        {"2026-03-08T11:00:00+01:00", "2026-03-08T10:00:00Z"},
        {"2026-03-08T05:00:00-05:00", "2026-03-08T10:00:00Z"},
        {"2026-03-08T15:30:00+0530", "2026-03-08T10:00:00Z"},
        {"2026-03-08T10:00:00.999Z", "2026-03-08T10:00:00Z"},
        {"2026-03-08T00:30:00+01:00", "2026-03-07T23:30:00Z"},
        {"2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"},
        {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto parsed = parse_instant(c.text);
        REQUIRE(parsed.ok());
        CHECK(format_instant(parsed.value()) == c.utc);
    }
}

TEST_CASE("malformed instants are refused with the forms accepted") {
    for (const char* text :
         {"", "2026-03-08", "2026-03-08T10:00:00", "2026-03-08 10:00:00Z", "2026-03-08T25:00:00Z",
          "2026-03-08T10:60:00Z", "2026-03-08T10:00:60Z", "2026-02-30T10:00:00Z", "2026-3-8T10:00Z",
          "2026-03-08T10:00:00+1:00", "2026-03-08T10:00:00+01:00x", "2026-03-08T10:00:00.Z",
          "2026-03-08T10:00:00 Z", "now"}) {
        INFO("text '" << text << "'");
        const auto parsed = parse_instant(text, "--from");
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.errors().size() == 1);
        CHECK(parsed.errors()[0].pointer == "--from");
        CHECK(parsed.errors()[0].value == text);
        CHECK(parsed.errors()[0].message.find("2026-03-08T10:00:00Z") != std::string::npos);
    }
}

TEST_CASE("intervals_to_json has exactly the preview shape") {
    CHECK(intervals_to_json({}) == R"({"intervals":[]})");
    CHECK(intervals_to_json({{at("2026-03-08T10:00:00Z"), at("2026-03-08T18:00:00Z")},
                             {at("2026-03-09T10:00:00Z"), at("2026-03-09T18:30:05Z")}}) ==
          R"({"intervals":[{"start":"2026-03-08T10:00:00Z","end":"2026-03-08T18:00:00Z"},)"
          R"({"start":"2026-03-09T10:00:00Z","end":"2026-03-09T18:30:05Z"}]})");
}

TEST_CASE("preview end to end: business hours around the New York spring change") {
    const auto s = spec(R"({"schedules": [{"days": ["fri", "mon"], "start": "09:00",
        "end": "17:00", "timezone": "America/New_York"}]})");
    const auto from = parse_instant("2026-03-06T00:00:00Z");
    const auto to = parse_instant("2026-03-10T00:00:00-04:00");
    REQUIRE(from.ok());
    REQUIRE(to.ok());
    CHECK(intervals_to_json(active_intervals(s, from.value(), to.value())) ==
          R"({"intervals":[{"start":"2026-03-06T14:00:00Z","end":"2026-03-06T22:00:00Z"},)"
          R"({"start":"2026-03-09T13:00:00Z","end":"2026-03-09T21:00:00Z"}]})");
}

}  // namespace
}  // namespace tidepool::schedule::test
