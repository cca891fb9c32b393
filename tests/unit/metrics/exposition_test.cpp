#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "metrics/exposition.h"

using namespace tidepool::metrics;

TEST_CASE("metric and label names follow the exposition grammar") {
    struct Row {
        const char* name;
        bool metric, label;
    };
    const Row rows[] = {
        {"tidepool_up", true, true},  {"a:b", true, false},      {"_x", true, true},
        {"9lives", false, false},     {"", false, false},        {"a-b", false, false},
        {"__name__", true, false},    {"le", true, true},        {"héllo", false, false},
        {"a b", false, false},        {"A9_z", true, true},
    };
    for (const auto& row : rows) {
        CAPTURE(row.name);
        CHECK(valid_metric_name(row.name) == row.metric);
        CHECK(valid_label_name(row.name) == row.label);
    }
}

TEST_CASE("label values and help text are escaped") {
    struct Row {
        const char* raw;
        const char* label;
        const char* help;
    };
    const Row rows[] = {
        {"plain", "plain", "plain"},
        {"a\"b", "a\\\"b", "a\"b"},
        {"back\\slash", "back\\\\slash", "back\\\\slash"},
        {"two\nlines", "two\\nlines", "two\\nlines"},
        {"tab\tstays", "tab\tstays", "tab\tstays"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.raw);
        CHECK(escape_label_value(row.raw) == row.label);
        CHECK(escape_help(row.raw) == row.help);
    }
}

TEST_CASE("values use Go-style special spellings and round-trip precision") {
    CHECK(format_value(0) == "0");
    CHECK(format_value(1.5) == "1.5");
    CHECK(format_value(-2) == "-2");
    CHECK(format_value(0.1) == "0.1");
    CHECK(format_value(1e21) == "1e+21");
    CHECK(format_value(std::nan("")) == "NaN");
    CHECK(format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("a family renders HELP, TYPE and its samples in order") {
    Exposition out;
    out.gauge("tidepool_pool_headroom_sessions", "Free sessions\nper pool", {{"pool", "a"}}, 3);
    out.gauge("tidepool_pool_headroom_sessions", "ignored", {{"pool", "b\"c"}}, 0);
    out.counter("tidepool_events_total", "Events", {}, 7);
    out.declare("tidepool_empty", "Nothing yet", MetricType::gauge);
    CHECK(out.render() ==
          "# HELP tidepool_pool_headroom_sessions Free sessions\\nper pool\n"
          "# TYPE tidepool_pool_headroom_sessions gauge\n"
          "tidepool_pool_headroom_sessions{pool=\"a\"} 3\n"
          "tidepool_pool_headroom_sessions{pool=\"b\\\"c\"} 0\n"
          "# HELP tidepool_events_total Events\n"
          "# TYPE tidepool_events_total counter\n"
          "tidepool_events_total 7\n"
          "# HELP tidepool_empty Nothing yet\n"
          "# TYPE tidepool_empty gauge\n");
}

TEST_CASE("a histogram renders cumulative buckets, +Inf, _sum and _count") {
    Histogram h({0.1, 1});
    h.observe(0.05);
    h.observe(0.5);
    h.observe(3);
    Exposition out;
    out.histogram("tidepool_tick_seconds", "Tick time", {{"pool", "p"}}, h.snapshot());
    CHECK(out.render() ==
          "# HELP tidepool_tick_seconds Tick time\n"
          "# TYPE tidepool_tick_seconds histogram\n"
          "tidepool_tick_seconds_bucket{pool=\"p\",le=\"0.1\"} 1\n"
          "tidepool_tick_seconds_bucket{pool=\"p\",le=\"1\"} 2\n"
          "tidepool_tick_seconds_bucket{pool=\"p\",le=\"+Inf\"} 3\n"
          "tidepool_tick_seconds_sum{pool=\"p\"} 3.55\n"
          "tidepool_tick_seconds_count{pool=\"p\"} 3\n");
}

TEST_CASE("programming errors are refused when the sample is added") {
    Exposition out;
    CHECK_THROWS_AS(out.gauge("bad-name", "", {}, 1), std::invalid_argument);
    CHECK_THROWS_AS(out.gauge("ok", "", {{"bad label", "x"}}, 1), std::invalid_argument);
    CHECK_THROWS_AS(out.histogram("h", "", {{"le", "1"}}, Histogram({1}).snapshot()),
                    std::invalid_argument);
    out.gauge("twice", "", {}, 1);
    CHECK_THROWS_AS(out.counter("twice", "", {}, 1), std::invalid_argument);
}
