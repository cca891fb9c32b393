// A simulated week of bank_calls_5min.csv (from Monday 2003-03-03) at 10,000 users: how long
// the simulation takes, and what the bundle in bank_10k.json costs and makes users wait next
// to the baselines. Usage: bench_simulate [USERS] [DAYS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "simulate/arrivals.h"
#include "simulate/report.h"
#include "simulate/summary.h"

using namespace tidepool::simulate;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void print(const Figures& f) {
    std::printf("BENCH simulate.%s.server_hours %.1f\n", f.policy.c_str(), f.server_hours);
    std::printf("BENCH simulate.%s.p95_wait_s %.1f\n", f.policy.c_str(), f.p95_wait_s);
}

}  // namespace

int main(int argc, char** argv) {
    ArrivalModel model;
    model.users = argc > 1 ? static_cast<std::uint32_t>(std::atoi(argv[1])) : 10000;
    model.days = argc > 2 ? std::atoi(argv[2]) : 7;
    auto trace = arrivals_from_bins(read(TIDEPOOL_SHARED_DIR "/traces/bank_calls_5min.csv"), model);
    auto scenario =
        scenario_from_bundle(read(TIDEPOOL_SOURCE_DIR "/bench/simulate/bank_10k.json"), 1);
    if (!trace || !scenario) {
        std::fprintf(stderr, "%s\n", (!trace ? trace.error() : scenario.error()).message.c_str());
        return 1;
    }
    auto started = std::chrono::steady_clock::now();
    (void)run(*scenario, *trace, RunOptions{});  // the configured policy alone, timed
    std::chrono::duration<double> week = std::chrono::steady_clock::now() - started;
    started = std::chrono::steady_clock::now();
    Report report = simulate_all(*scenario, *trace, {});
    std::chrono::duration<double> all = std::chrono::steady_clock::now() - started;
    std::fputs(comparison_table(report).c_str(), stderr);
    std::printf("BENCH simulate.week_s %.2f\n", week.count());
    std::printf("BENCH simulate.all_policies_s %.2f\n", all.count());
    std::printf("BENCH simulate.requests %zu\n", trace->arrivals.size());
    std::printf("BENCH simulate.cost_ratio_vs_static %.3f\n", report.policies[0].cost_vs_static);
    std::printf("BENCH simulate.p95_wait_s %.1f\n", report.policies[0].p95_wait_s);
    for (std::size_t i = 1; i < report.policies.size(); ++i) print(report.policies[i]);
    return 0;
}
