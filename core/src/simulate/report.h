// One what-if simulation: the configured policy and the three baselines over the same trace,
// and the figures an operator compares (docs/simulate.md "Output").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "simulate/engine.h"

namespace tidepool::simulate {

struct Figures {
    std::string policy;
    double server_hours = 0;
    double p50_wait_s = 0, p95_wait_s = 0, p99_wait_s = 0;
    double cold_boot_share = 0;  // requests that waited for a server to boot, of all requests
    std::int64_t queue_max = 0;
    double scale_actions_per_day = 0;
    std::int64_t peak_servers = 0;
    std::int64_t requests = 0;
    std::int64_t unserved = 0;
    double cost_vs_static = 0;  // server_hours / the static-peak baseline's
};

struct Report {
    std::int64_t start_s = 0, end_s = 0;
    std::int64_t peak_concurrency = 0;  // sessions at once if every request were served at once
    BaselineParams baseline;
    std::vector<Figures> policies;  // configured first, then static_peak, schedule, reactive
    Metrics configured;             // the configured run in full (samples for the chart)
};

struct ReportOptions {
    std::optional<int> reactive_buffer;  // default: the first config's min available sessions
    bool baselines = true;
};

// Sessions in progress at the busiest instant of the trace (ends before starts at one instant).
std::int64_t peak_concurrency(const Trace& trace);

Figures figures_of(const Metrics& m);

Report simulate_all(const Scenario& scenario, const Trace& trace, const ReportOptions& options);

}  // namespace tidepool::simulate
