// The capacity policies a simulation compares. Every one runs through the real planner: a
// baseline is only a different Minimum Available Sessions per tick, so the comparison measures
// the policies and not four different implementations of scaling.
#pragma once

#include <cstdint>
#include <string_view>

namespace tidepool::simulate {

enum class Policy {
    kConfigured,  // the bundle's configs as written (schedules, minimums, aggressive, backoff)
    kStaticPeak,  // enough servers for the trace's peak concurrency, all day, every day
    kSchedule,    // AVD-style phases: ramp-up / peak / ramp-down / off-peak capacity thresholds
    kReactive,    // a fixed buffer of free sessions, always on
};

std::string_view policy_name(Policy p);

// The AVD-style plan (docs/simulate.md "Baselines"), in UTC hours on weekdays; weekends are
// off-peak all day. A host is added while used sessions exceed `threshold` of capacity, and at
// least `min_hosts` of the static-peak fleet is kept.
struct SchedulePhase {
    int from_hour = 0;
    double threshold = 0.9;
    double min_hosts = 0;
};

struct BaselineParams {
    int static_servers = 0;   // ceil(peak concurrent sessions / new-server headroom)
    int reactive_buffer = 0;  // free sessions the reactive baseline keeps
    SchedulePhase phases[4] = {{7, 0.6, 0.2}, {9, 0.8, 0}, {17, 0.9, 0.1}, {19, 0.9, 0}};
};

// Minimum Available Sessions a baseline asks the planner for at this instant, given the
// sessions in use and one new server's headroom. Pure.
std::int64_t baseline_minimum(Policy p, const BaselineParams& params, std::int64_t now_s,
                              std::int64_t in_use, int server_headroom);

}  // namespace tidepool::simulate
