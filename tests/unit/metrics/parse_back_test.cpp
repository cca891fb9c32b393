// Renders with the writer, parses back with the independent reader (text_parser.h).
#include <doctest/doctest.h>

#include "metrics/exposition.h"
#include "text_parser.h"

using namespace tidepool::metrics;
using tidepool::metrics::test::parse_text;

TEST_CASE("any label value survives rendering and parsing") {
    const std::string values[] = {
        "", "web", "a\"b", "c\\d", "line\nbreak", "\\n literally", "ünïcødé", "}{,=\" ",
        "trailing\\",
    };
    Exposition out;
    for (const auto& v : values) out.gauge("tidepool_pool_headroom_sessions", "h", {{"pool", v}}, 1);
    auto parsed = parse_text(out.render());
    REQUIRE_MESSAGE(!parsed.error, *parsed.error);
    REQUIRE(parsed.families.size() == 1);
    const auto& samples = parsed.families[0].samples;
    REQUIRE(samples.size() == std::size(values));
    for (std::size_t i = 0; i < samples.size(); ++i) CHECK(samples[i].labels.at("pool") == values[i]);
}

TEST_CASE("a histogram parses back with monotonic buckets ending in +Inf = _count") {
    Histogram h(Histogram::exponential_bounds(0.001, 4, 8));
    for (double v : {0.0005, 0.002, 0.3, 0.3, 9.0, 1000.0}) h.observe(v);
    Exposition out;
    out.histogram("tidepool_provider_call_duration_seconds", "Provider call latency",
                  {{"provider_config", "aws-1"}, {"operation", "create_vm"}}, h.snapshot());
    out.counter("tidepool_provider_call_errors_total", "Errors",
                {{"provider_config", "aws-1"}, {"class", "capacity"}}, 2);
    auto parsed = parse_text(out.render());
    REQUIRE_MESSAGE(!parsed.error, *parsed.error);
    REQUIRE(parsed.families.size() == 2);
    const auto& f = parsed.families[0];
    CHECK(f.type == "histogram");
    double previous = -1, count = -1, inf = -2;
    int buckets = 0;
    for (const auto& s : f.samples) {
        CHECK(s.labels.at("provider_config") == "aws-1");
        if (s.name.size() > 7 && s.name.substr(s.name.size() - 7) == "_bucket") {
            ++buckets;
            CHECK(s.value >= previous);
            previous = s.value;
            if (s.labels.at("le") == "+Inf") inf = s.value;
        } else if (s.name.substr(s.name.size() - 6) == "_count") {
            count = s.value;
        }
    }
    CHECK(buckets == 9);
    CHECK(inf == count);
    CHECK(count == 6);
    CHECK(parsed.families[1].type == "counter");
}

TEST_CASE("the reader is strict: it refuses what the format does not allow") {
    const char* bad[] = {
        "x 1",                                     // sample before any family
        "# HELP x h\n# TYPE x gauge\nx{a=\"1\"}1\n",  // no space before the value
        "# HELP x h\n# TYPE x gauge\nx{a=\"\\t\"} 1\n",  // unknown escape
        "# HELP x h\n# TYPE x gauge\ny 1\n",       // sample of another family
        "# HELP x h\n# TYPE x gauge\nx one\n",     // not a number
    };
    for (const char* text : bad) {
        CAPTURE(text);
        CHECK(parse_text(text).error.has_value());
    }
}
