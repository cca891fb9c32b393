#include "simulate/trace_csv.h"

#include <doctest/doctest.h>

using namespace tidepool::simulate;

TEST_CASE("session CSV: header, ISO and Unix starts, users interned in order of appearance") {
    auto t = parse_session_csv(
        "start,duration,user\n"
        "2026-03-02T09:00:00Z,600,alice\n"
        "# a comment\n"
        "\n"
        "1772441940,60,bob\r\n"
        "2026-03-02T09:00:00Z,30,bob\n");
    REQUIRE(t.ok());
    REQUIRE(t->arrivals.size() == 3);
    CHECK(t->users == 2);
    // Sorted by start, then user: bob's 08:59 first, then alice (0) before bob (1) at 09:00.
    CHECK(t->arrivals[0] == Arrival{1772441940, 60, 1});
    CHECK(t->arrivals[1] == Arrival{1772442000, 600, 0});
    CHECK(t->arrivals[2] == Arrival{1772442000, 30, 1});
}

TEST_CASE("session CSV: rows without a user are users of their own") {
    auto t = parse_session_csv("100,10\n100,10\n");
    REQUIRE(t.ok());
    CHECK(t->users == 2);
    CHECK(t->arrivals[0].user != t->arrivals[1].user);
}

TEST_CASE("session CSV: errors name the line, the column and the bad value") {
    struct Case {
        const char* text;
        const char* expect;
    };
    Case cases[] = {
        {"start,duration\n100,-5\n", "trace line 2, column duration: \"-5\""},
        {"100,10\nyesterday,10\n", "trace line 2, column start: \"yesterday\""},
        {"100,10,u,extra\n", "trace line 1, column count"},
        {"100\n", "trace line 1, column count"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto t = parse_session_csv(c.text);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().message.find(c.expect) == 0);
    }
}

TEST_CASE("binned CSVs are told from session lists by their header") {
    CHECK(is_binned_csv("rownames,DateTime,Calls\n1,2003-03-03T07:00:00Z,111\n"));
    CHECK(is_binned_csv("instant,dteday,season\n"));
    CHECK_FALSE(is_binned_csv("start,duration,user\n"));
}
