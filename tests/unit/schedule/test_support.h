#pragma once
// Helpers shared by the schedule tests: instants written as ISO text (with the local offset, so
// expectations read as wall-clock times), specs written as JSON, intervals compared as text.

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schedule/evaluate.h"
#include "schedule/iso8601.h"
#include "schedule/parse.h"

namespace tidepool::schedule::test {

// "2026-03-08T03:00:00-04:00" -> the UTC instant. Throws on bad text (doctest reports it) rather
// than asserting, so it also works for constants built before any test runs.
inline Instant at(std::string_view iso) {
    const auto parsed = parse_instant(iso);
    if (!parsed.ok()) throw std::invalid_argument("bad instant in test: " + std::string(iso));
    return parsed.value();
}

inline std::string describe(const std::vector<FieldError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.pointer + " = " + e.value + ": " + e.message + "\n";
    return out;
}

// A spec from standalone JSON; fails the test (showing every error) when it does not parse.
inline ActivitySpec spec(std::string_view json) {
    const auto parsed = parse_activity_json(json);
    INFO("errors:\n" << describe(parsed.errors()));
    REQUIRE(parsed.ok());
    return parsed.value();
}

// The errors a standalone JSON produces (empty when it parses).
inline std::vector<FieldError> errors(std::string_view json, std::string_view pointer = "") {
    return parse_activity_json(json, pointer).errors();
}

// Intervals as "start/end" pairs in UTC, one per line, for readable comparisons.
inline std::string render(const std::vector<Interval>& intervals) {
    std::string out;
    for (const auto& i : intervals)
        out += format_instant(i.start) + "/" + format_instant(i.end) + "\n";
    return out;
}

// The same from ISO text pairs (offsets allowed), for the expected side.
inline std::string render(const std::vector<std::pair<std::string_view, std::string_view>>& list) {
    std::vector<Interval> intervals;
    for (const auto& [start, end] : list) intervals.push_back({at(start), at(end)});
    return render(intervals);
}

inline std::string show(Instant t) { return format_instant(t); }
inline std::string show(const std::optional<Instant>& t) {
    return t ? format_instant(*t) : std::string("never");
}

}  // namespace tidepool::schedule::test
