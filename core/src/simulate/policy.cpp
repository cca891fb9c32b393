#include "simulate/policy.h"

#include <algorithm>
#include <cmath>

namespace tidepool::simulate {
namespace {

const SchedulePhase& phase_at(const BaselineParams& params, std::int64_t now_s) {
    static constexpr SchedulePhase kOffPeak{0, 0.9, 0};
    std::int64_t day = now_s >= 0 ? now_s / 86400 : (now_s - 86399) / 86400;
    int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (4)
    if (weekday == 0 || weekday == 6) return kOffPeak;
    int hour = static_cast<int>((now_s - day * 86400) / 3600);
    const SchedulePhase* current = &params.phases[3];  // before ramp-up: the previous off-peak
    for (const auto& phase : params.phases) {
        if (hour >= phase.from_hour) current = &phase;
    }
    return *current;
}

}  // namespace

std::string_view policy_name(Policy p) {
    switch (p) {
        case Policy::kConfigured:
            return "configured";
        case Policy::kStaticPeak:
            return "static_peak";
        case Policy::kSchedule:
            return "schedule";
        case Policy::kReactive:
            return "reactive_buffer";
    }
    return "configured";
}

std::int64_t baseline_minimum(Policy p, const BaselineParams& params, std::int64_t now_s,
                              std::int64_t in_use, int server_headroom) {
    std::int64_t fleet = std::int64_t{params.static_servers} * server_headroom;
    switch (p) {
        case Policy::kStaticPeak:
            return std::max<std::int64_t>(0, fleet - in_use);
        case Policy::kReactive:
            return params.reactive_buffer;
        case Policy::kSchedule: {
            const SchedulePhase& ph = phase_at(params, now_s);
            // used / (used + free) <= threshold  <=>  free >= used x (1 / threshold - 1); the
            // epsilon keeps 9 x (1 / 0.9 - 1) = 1.0000000002 from rounding up to 2.
            auto by_threshold = static_cast<std::int64_t>(
                std::ceil(static_cast<double>(in_use) * (1.0 / ph.threshold - 1.0) - 1e-9));
            auto by_floor = static_cast<std::int64_t>(std::ceil(
                                ph.min_hosts * static_cast<double>(params.static_servers))) *
                                server_headroom -
                            in_use;
            return std::max<std::int64_t>({0, by_threshold, by_floor});
        }
        case Policy::kConfigured:
            break;
    }
    return 0;
}

}  // namespace tidepool::simulate
