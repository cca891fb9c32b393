// Capacity planner benchmark: 10k machines carrying ~1M sessions across four pools.
//
// planner.full_ms: median time to plan every pool from its snapshot (a full recompute).
// planner.incremental_us: median time per event to apply it to a PoolState and re-plan that
// pool. Targets (not asserted): full <= 5 ms, incremental <= 100 us on 2 cores.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "planner/decision_json.h"
#include "planner/planner.h"
#include "planner/pool_state.h"

namespace tp = tidepool::planner;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::int64_t kNow = 1'700'000'000;
constexpr int kServerPools = 3;
constexpr int kServersPerPool = 3000;
constexpr int kAgents = 1000;

tp::Instant at(std::int64_t s) { return tp::Instant{std::chrono::seconds{s}}; }

tp::Config config(const std::string& id, int priority, int max_instances) {
    tp::Config c;
    c.id = id;
    c.priority = priority;
    c.max_instances = max_instances;
    c.downscale_backoff_s = 600;
    c.last_scale_up_at = at(kNow - 3600);
    return c;
}

// On-prem first, then a cloud burst config; a few machines are assigned by hand.
std::vector<tp::Config> server_configs(int min_available) {
    tp::Config onprem = config("onprem", 0, 2000);
    tp::Config cloud = config("cloud", 1, 2000);
    for (tp::Config* c : {&onprem, &cloud}) {
        c->min_available_sessions = min_available;
        c->new_server_max_sessions = 110;
        c->new_server_max_users = 60;
    }
    cloud.aggressive = true;
    return {onprem, cloud};
}

// Pools sit near their minimum: one short (orders), one above it (removes idle servers).
tp::PoolSnapshot server_pool(int index, std::mt19937_64& rng) {
    const int min_available[kServerPools] = {40000, 36000, 37000};
    tp::PoolSnapshot s{"servers-" + std::to_string(index),
                       tp::PoolKind::kServer,
                       {},
                       server_configs(min_available[index]),
                       {}};
    std::uniform_int_distribution<int> sessions(85, 115), pick(0, 99);
    for (int i = 0; i < kServersPerPool; ++i) {
        tp::Machine m;
        m.id = s.id + "-m" + std::to_string(i);
        int roll = pick(rng);
        m.config_id = roll < 5 ? "" : roll < 70 ? "onprem" : "cloud";
        m.state = roll == 99 ? tp::MachineState::kStarting : tp::MachineState::kRunning;
        m.max_sessions = 120;
        m.max_users = 60;
        m.active_sessions =
            (roll >= 5 && roll < 8) || m.state != tp::MachineState::kRunning ? 0 : sessions(rng);
        m.active_users = std::min(55, m.active_sessions / 2);
        m.created_at = at(kNow - 86400 + i);
        m.last_session_end_at = at(kNow - pick(rng) * 60);
        s.machines.push_back(m);
    }
    return s;
}

tp::PoolSnapshot agent_pool(std::mt19937_64& rng) {
    tp::Config onprem = config("proxmox", 0, 800);
    tp::Config cloud = config("aws", 1, 800);
    for (tp::Config* c : {&onprem, &cloud}) {
        c->standby = {1024, 4, 4096};
        c->agent_instance = {64, 1, 256};
        c->staging.push_back({"chrome", 200, {1, 0, 2}, 150});
    }
    cloud.agent_override.cores = 96;
    tp::PoolSnapshot s{"agents", tp::PoolKind::kAgent, {}, {onprem, cloud}, {}};
    std::uniform_int_distribution<int> sessions(120, 170), pick(0, 99);
    for (int i = 0; i < kAgents; ++i) {
        tp::Machine m;
        m.id = "agent-" + std::to_string(i);
        m.config_id = pick(rng) < 60 ? "proxmox" : "aws";
        m.reported = {64, 1, 256};
        m.active_sessions = sessions(rng);
        double n = m.active_sessions;
        m.used = {n * 0.42, 0, n * 1.6};
        m.created_at = at(kNow - 86400 + i);
        s.machines.push_back(m);
    }
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double full_ms(const std::vector<tp::PoolSnapshot>& pools, std::size_t& sink) {
    std::vector<double> runs;
    for (int r = 0; r < 41; ++r) {
        auto t0 = Clock::now();
        for (const tp::PoolSnapshot& p : pools) sink += tp::plan(p, at(kNow)).configs.size();
        runs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return median(runs);
}

// One realistic event on a random pool: mostly sessions starting and ending, some state
// changes and queue traffic. Returns the pool it touched.
std::size_t apply_event(std::vector<tp::PoolState>& states,
                        const std::vector<tp::PoolSnapshot>& pools, std::mt19937_64& rng,
                        int serial) {
    std::uniform_int_distribution<std::size_t> pool_pick(0, pools.size() - 1);
    std::size_t p = pool_pick(rng);
    const std::vector<tp::Machine>& ms = pools[p].machines;
    const std::string& id =
        ms[std::uniform_int_distribution<std::size_t>(0, ms.size() - 1)(rng)].id;
    tp::PoolState& s = states[p];
    int roll = std::uniform_int_distribution<int>(0, 99)(rng);
    tp::Resources r{0.35, 0, 1.5};
    if (roll < 45) {
        s.session_started(id, roll % 2 == 0, r);
    } else if (roll < 90) {
        s.session_ended(id, roll % 2 == 0, at(kNow + serial), r);
    } else if (roll < 94) {
        s.set_machine_state(id,
                            roll % 2 ? tp::MachineState::kRunning : tp::MachineState::kDraining);
    } else {
        tp::QueuedRequest q;
        q.id = "q" + std::to_string(serial % 64);
        q.resources = {2, 0, 4};
        if (!s.queue_request(q)) s.dequeue_request(q.id);
    }
    return p;
}

double incremental_us(const std::vector<tp::PoolSnapshot>& pools, std::size_t& sink) {
    std::vector<tp::PoolState> states;
    for (const tp::PoolSnapshot& p : pools) states.emplace_back(p);
    std::mt19937_64 rng(7);
    std::vector<double> batches;
    constexpr int kBatch = 2000;
    for (int b = 0; b < 15; ++b) {
        auto t0 = Clock::now();
        for (int i = 0; i < kBatch; ++i) {
            std::size_t p = apply_event(states, pools, rng, b * kBatch + i);
            sink += states[p].plan(at(kNow + b * kBatch + i)).configs.size();
        }
        auto us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
        batches.push_back(us / kBatch);
    }
    return median(batches);
}

}  // namespace

int main(int argc, char** argv) {
    std::mt19937_64 rng(42);
    std::vector<tp::PoolSnapshot> pools;
    for (int i = 0; i < kServerPools; ++i) pools.push_back(server_pool(i, rng));
    pools.push_back(agent_pool(rng));
    std::size_t machines = 0;
    long long sessions = 0;
    for (const tp::PoolSnapshot& p : pools) {
        machines += p.machines.size();
        for (const tp::Machine& m : p.machines) sessions += m.active_sessions;
    }
    std::fprintf(stderr, "planner bench: %zu pools, %zu machines, %lld sessions\n", pools.size(),
                 machines, sessions);
    if (argc > 1 && std::string(argv[1]) == "--explain") {  // what the benchmark plans, to stderr
        for (const tp::PoolSnapshot& p : pools) {
            std::fprintf(stderr, "%s\n", tp::to_json(tp::plan(p, at(kNow))).c_str());
        }
    }
    std::size_t sink = 0;
    double full = full_ms(pools, sink);
    double incremental = incremental_us(pools, sink);
    std::printf("BENCH planner.full_ms %.3f\n", full);
    std::printf("BENCH planner.incremental_us %.3f\n", incremental);
    return sink == 0 ? 1 : 0;
}
