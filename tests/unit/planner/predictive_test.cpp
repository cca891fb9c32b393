// Predictive standby: the forecast (forecast.h) and how the planner raises a server config's
// minimum by it (snapshot.h Prediction).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "builders.h"
#include "planner/forecast.h"
#include "planner/planner.h"

namespace tidepool::planner {
namespace {

using test::server;
using test::server_config;
using test::server_pool;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMonday = 1772409600;  // 2026-03-02 00:00 UTC, a Monday

Config predicted(Config c, std::int64_t expected, std::int64_t cap) {
    c.prediction = Prediction{expected, 60, cap};
    return c;
}

}  // namespace

TEST_CASE("predictive standby raises the minimum, within its cap, and never lowers it") {
    struct Case {
        const char* name;
        Config config;
        int create;
        std::int64_t target;
        std::int64_t predicted;  // in the decision record
    };
    // One idle running server of 2 sessions: headroom 2. New servers hold 2 sessions.
    const Config base = server_config("c", 2, 2, std::nullopt, 50);
    Case cases[] = {
        {"off: the configured minimum", base, 0, 2, 0},
        {"forecast below the minimum changes nothing", predicted(base, 1, 100), 0, 2, 0},
        {"forecast of 9 within the cap: 9 - 2 = 7 short, 4 servers", predicted(base, 9, 100), 4, 9,
         9},
        {"cap holds the raise at 6: 2 servers", predicted(base, 9, 6), 2, 6, 6},
        {"a cap below the minimum leaves the minimum", predicted(base, 9, 1), 0, 2, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Plan p = plan(server_pool({c.config}, {server("s1", "c", 2, {})}), test::at(kMonday));
        REQUIRE(p.configs.size() == 1);
        const Decision& d = p.configs[0].decision;
        CHECK(p.configs[0].create == c.create);
        REQUIRE(d.server);
        CHECK(d.server->minimum == 2);
        CHECK(d.server->target == c.target);
        CHECK(d.server->predicted == c.predicted);
        if (c.predicted > 0) {
            CHECK(d.reason.find("raised from 2 by predictive standby") != std::string::npos);
        }
    }
}

TEST_CASE("a raised minimum also holds idle servers the forecast will need") {
    // Three idle servers (headroom 6), minimum 2: without a forecast two could go.
    const Config base = server_config("c", 2, 2, std::nullopt, 50);
    std::vector<Machine> idle = {server("s1", "c", 2, {}), server("s2", "c", 2, {}),
                                 server("s3", "c", 2, {})};
    CHECK(plan(server_pool({base}, idle), test::at(kMonday)).configs[0].remove.size() == 2);
    CHECK(plan(server_pool({predicted(base, 6, 100)}, idle), test::at(kMonday))
              .configs[0]
              .remove.empty());
}

TEST_CASE("forecast: same kind of day, same time-of-day window, mean plus two sigma") {
    // Arrivals at 09:00..09:00+lead on the two previous weekdays (4 and 16 of them), one on
    // the Sunday before, and one outside the window.
    std::vector<std::int64_t> arrivals;
    std::int64_t friday = kMonday - 3 * kDay, thursday = kMonday - 4 * kDay;
    for (int i = 0; i < 4; ++i) arrivals.push_back(friday + 9 * 3600 + 10 * i);
    for (int i = 0; i < 16; ++i) arrivals.push_back(thursday + 9 * 3600 + 5 * i);
    arrivals.push_back(kMonday - kDay + 9 * 3600);  // Sunday: another kind of day
    arrivals.push_back(friday + 9 * 3600 + 120);    // after the 90 s window
    std::sort(arrivals.begin(), arrivals.end());
    struct Case {
        const char* name;
        std::int64_t history_start;
        int lookback;
        int days_used;
        double mean;
        std::int64_t expected;
    };
    Case cases[] = {
        // Fri (4) and Thu (16): mean 10, ceil(10 + 2 sqrt(10)) = 17.
        {"two weekdays of history", thursday, 14, 2, 10, 17},
        // Only Friday is inside the history: mean 4, 4 + 2 x 2 = 8.
        {"history starting Friday", friday, 14, 1, 4, 8},
        // Looking back 3 days reaches Friday only (Sat and Sun are weekend days).
        {"lookback of 3 days", 0, 3, 1, 4, 8},
        {"no history yet", kMonday, 14, 0, 0, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Forecast f =
            forecast_arrivals({&arrivals, c.history_start, kMonday + 9 * 3600, 90, c.lookback});
        CHECK(f.days_used == c.days_used);
        CHECK(f.mean == doctest::Approx(c.mean));
        CHECK(f.expected == c.expected);
    }
}

}  // namespace tidepool::planner
