#include "simulate/policy.h"

#include <doctest/doctest.h>

using namespace tidepool::simulate;

namespace {
// 2026-03-02 was a Monday; 2026-03-07 a Saturday.
constexpr std::int64_t kMonday = 1772409600;
constexpr std::int64_t kSaturday = kMonday + 5 * 86400;
constexpr std::int64_t kHour = 3600;
}  // namespace

TEST_CASE("baseline minimums, table-tested") {
    BaselineParams p;
    p.static_servers = 10;
    p.reactive_buffer = 4;
    struct Case {
        Policy policy;
        std::int64_t at, in_use;
        std::int64_t expect;
    };
    Case cases[] = {
        {Policy::kStaticPeak, kMonday, 0, 20},  // 10 servers x 2 sessions
        {Policy::kStaticPeak, kMonday, 15, 5},
        {Policy::kStaticPeak, kMonday, 25, 0},
        {Policy::kReactive, kMonday, 100, 4},
        {Policy::kSchedule, kMonday + 8 * kHour, 0, 4},      // ramp-up floor: 20 % of 10 x 2
        {Policy::kSchedule, kMonday + 8 * kHour, 12, 8},     // 12 x (1/0.6 - 1) = 8
        {Policy::kSchedule, kMonday + 10 * kHour, 40, 10},   // peak: 40 x 0.25
        {Policy::kSchedule, kMonday + 18 * kHour, 0, 2},     // ramp-down floor: 10 % of 10 x 2
        {Policy::kSchedule, kMonday + 3 * kHour, 9, 1},      // off-peak: ceil(9 / 9)
        {Policy::kSchedule, kSaturday + 10 * kHour, 40, 5},  // weekends stay off-peak
    };
    for (const auto& c : cases) {
        CAPTURE(policy_name(c.policy));
        CAPTURE(c.at);
        CHECK(baseline_minimum(c.policy, p, c.at, c.in_use, 2) == c.expect);
    }
}
