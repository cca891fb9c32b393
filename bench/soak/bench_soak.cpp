// One simulated weekday (Monday 2003-03-03 of bank_calls_5min.csv) at 700,000 users and 1.15
// logons each: about a million sessions and ten thousand servers. Samples resident memory at
// every 5-minute chart sample. Warm-up lasts until the day's peak demand (the working set - the
// running sessions and their end events - legitimately grows until then); after it a leak-free
// run stays flat while the day drains.
// Usage: bench_soak [USERS]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "simulate/arrivals.h"
#include "simulate/engine.h"

using namespace tidepool::simulate;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A /proc/self/status figure in MiB: VmRSS now, or VmHWM, the most the process ever held.
double status_mib(const std::string& key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(key, 0) == 0) return std::atof(line.c_str() + key.size()) / 1024.0;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    ArrivalModel model;
    model.users = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 700000;
    model.logons_per_user = 1.15;
    model.days = 1;
    auto trace = arrivals_from_bins(read(TIDEPOOL_SHARED_DIR "/traces/bank_calls_5min.csv"), model);
    auto scenario = scenario_from_bundle(read(TIDEPOOL_SOURCE_DIR "/bench/soak/soak_pool.json"), 1);
    if (!trace || !scenario) {
        std::fprintf(stderr, "%s\n", (!trace ? trace.error() : scenario.error()).message.c_str());
        return 1;
    }
    struct Point {
        std::int64_t demand;
        double rss;
    };
    std::vector<Point> points;
    RunOptions options;
    options.on_sample = [&](const Sample& s) {
        points.push_back({s.demand, status_mib("VmRSS:")});
    };
    Metrics m = run(*scenario, *trace, options);
    auto busiest =
        std::max_element(points.begin(), points.end(),
                         [](const Point& a, const Point& b) { return a.demand < b.demand; });
    double after_warm_max = 0;
    for (auto it = points.begin(); it != points.end(); ++it) {
        if (it > busiest) after_warm_max = std::max(after_warm_max, it->rss);
    }
    double at_warm = busiest == points.end() ? 0 : busiest->rss;
    std::printf("BENCH soak.sessions %lld\n", static_cast<long long>(m.requests));
    std::printf("BENCH soak.peak_servers %lld\n", static_cast<long long>(m.peak_servers));
    std::printf("BENCH soak.rss_mib %.1f\n", status_mib("VmHWM:"));
    std::printf("BENCH soak.rss_growth_after_warmup_mib %.1f\n",
                std::max(0.0, after_warm_max - at_warm));
    return 0;
}
