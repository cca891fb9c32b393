#include "simulate/report.h"

#include <algorithm>

namespace tidepool::simulate {

std::int64_t peak_concurrency(const Trace& trace) {
    std::vector<std::pair<std::int64_t, int>> edges;
    edges.reserve(trace.arrivals.size() * 2);
    for (const auto& a : trace.arrivals) {
        edges.emplace_back(a.at_s, +1);
        edges.emplace_back(a.at_s + a.duration_s, -1);
    }
    std::sort(edges.begin(), edges.end());  // at one instant -1 sorts first: ends free slots
    std::int64_t now = 0, peak = 0;
    for (const auto& [at, delta] : edges) peak = std::max(peak, now += delta);
    return peak;
}

Figures figures_of(const Metrics& m) {
    Figures f;
    f.policy = m.policy;
    f.server_hours = m.server_seconds / 3600.0;
    f.p50_wait_s = wait_percentile(m, 0.50);
    f.p95_wait_s = wait_percentile(m, 0.95);
    f.p99_wait_s = wait_percentile(m, 0.99);
    auto cold = std::count_if(m.waits.begin(), m.waits.end(), [](auto w) { return w > 0; });
    f.cold_boot_share =
        m.requests ? static_cast<double>(cold) / static_cast<double>(m.requests) : 0;
    f.queue_max = m.queue_max;
    double days = static_cast<double>(m.end_s - m.start_s) / 86400.0;
    f.scale_actions_per_day = days > 0 ? static_cast<double>(m.scale_actions) / days : 0;
    f.peak_servers = m.peak_servers;
    f.requests = m.requests;
    f.unserved = m.unserved;
    return f;
}

Report simulate_all(const Scenario& scenario, const Trace& trace, const ReportOptions& options) {
    Report report;
    report.peak_concurrency = peak_concurrency(trace);
    if (!scenario.configs.empty()) {
        const auto& first = scenario.configs.front().config;
        int h = std::max(1, new_server_headroom(first));
        report.baseline.static_servers = static_cast<int>((report.peak_concurrency + h - 1) / h);
        report.baseline.reactive_buffer =
            options.reactive_buffer.value_or(first.min_available_sessions);
    }
    RunOptions run_options;
    run_options.baseline = report.baseline;
    report.configured = run(scenario, trace, run_options);
    report.start_s = report.configured.start_s;
    report.end_s = report.configured.end_s;
    report.policies.push_back(figures_of(report.configured));
    if (options.baselines) {
        for (Policy p : {Policy::kStaticPeak, Policy::kSchedule, Policy::kReactive}) {
            run_options.policy = p;
            report.policies.push_back(figures_of(run(scenario, trace, run_options)));
        }
    }
    auto is_static = [](const Figures& f) { return f.policy == "static_peak"; };
    auto st = std::find_if(report.policies.begin(), report.policies.end(), is_static);
    for (auto& f : report.policies) {
        if (st != report.policies.end() && st->server_hours > 0) {
            f.cost_vs_static = f.server_hours / st->server_hours;
        }
    }
    return report;
}

}  // namespace tidepool::simulate
