#include "simulate/summary.h"

#include <fmt/format.h>

#include "model/ids.h"
#include "schedule/iso8601.h"

namespace tidepool::simulate {
namespace {

std::string policy_json(const Figures& f) {
    return fmt::format(
        "{{\"policy\":\"{}\",\"server_hours\":{:.3f},\"cost_vs_static\":{:.4f},"
        "\"wait_s\":{{\"p50\":{:.1f},\"p95\":{:.1f},\"p99\":{:.1f}}},"
        "\"cold_boot_share\":{:.4f},\"queue_max\":{},\"scale_actions_per_day\":{:.2f},"
        "\"peak_servers\":{},\"requests\":{},\"unserved\":{}}}",
        f.policy, f.server_hours, f.cost_vs_static, f.p50_wait_s, f.p95_wait_s, f.p99_wait_s,
        f.cold_boot_share, f.queue_max, f.scale_actions_per_day, f.peak_servers, f.requests,
        f.unserved);
}

}  // namespace

std::string summary_json(const Report& r) {
    std::string out = fmt::format(
        "{{\"from\":\"{}\",\"to\":\"{}\",\"days\":{:.2f},\"peak_concurrency\":{},"
        "\"baseline_params\":{{\"static_servers\":{},\"reactive_buffer\":{}}},",
        schedule::format_instant(model::from_unix(r.start_s)),
        schedule::format_instant(model::from_unix(r.end_s)),
        static_cast<double>(r.end_s - r.start_s) / 86400.0, r.peak_concurrency,
        r.baseline.static_servers, r.baseline.reactive_buffer);
    out += "\"configured\":" + (r.policies.empty() ? "{}" : policy_json(r.policies.front()));
    out += ",\"policies\":[";
    for (std::size_t i = 0; i < r.policies.size(); ++i) {
        if (i > 0) out += ',';
        out += policy_json(r.policies[i]);
    }
    out += "]}\n";
    return out;
}

std::string comparison_table(const Report& r) {
    std::string out = fmt::format("{:<16} {:>12} {:>9} {:>8} {:>8} {:>8} {:>7} {:>9} {:>7}\n",
                                  "policy", "server-hours", "vs static", "p50 s", "p95 s", "p99 s",
                                  "cold %", "queue max", "peak");
    for (const auto& f : r.policies) {
        out += fmt::format(
            "{:<16} {:>12.1f} {:>9.3f} {:>8.1f} {:>8.1f} {:>8.1f} {:>7.2f} {:>9} "
            "{:>7}\n",
            f.policy, f.server_hours, f.cost_vs_static, f.p50_wait_s, f.p95_wait_s, f.p99_wait_s,
            100 * f.cold_boot_share, f.queue_max, f.peak_servers);
    }
    return out;
}

}  // namespace tidepool::simulate
