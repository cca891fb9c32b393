// What bench_placement's core and end-to-end runs share: settings, the generator, timing and
// the allocation count.
#pragma once

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "model/machines.h"

namespace tidepool::bench {

using Clock = std::chrono::steady_clock;

struct Settings {
    long servers = 10'000;
    long sessions = 1'000'000;
    long ops = 2'000'000;
    long users = 400'000;
};

// Heap allocations so far (counted by the program's replacement operator new).
long allocations();

// A tiny deterministic generator: the benchmark must not measure std::random overheads.
struct Lcg {
    std::uint64_t s = 0x9e3779b97f4a7c15ULL;
    std::uint64_t next() {  // 31 random bits
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return s >> 33;
    }
    // Uniform in [0, n) for n < 2^32 by multiply and shift: a 64-bit division per draw, three
    // per operation, was a measurable share of the harness.
    std::uint64_t below(std::uint64_t n) { return (next() * n) >> 31; }
};

inline model::SessionKind kind_for(std::uint64_t r) {
    return r % 4 == 0 ? model::SessionKind::desktop : model::SessionKind::app;
}

inline double thread_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Wall and CPU seconds of one timed run.
struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = thread_cpu_s();
    void report(const char* name, long ops) const {
        double wall_s = std::chrono::duration<double>(Clock::now() - wall).count();
        double cpu_s = thread_cpu_s() - cpu;
        std::printf("BENCH placement.%s_per_s %.0f\n", name, static_cast<double>(ops) / wall_s);
        std::printf("BENCH placement.%s_per_cpu_s %.0f\n", name, static_cast<double>(ops) / cpu_s);
    }
};

inline double p99_us(std::vector<double>& samples_ns) {
    std::sort(samples_ns.begin(), samples_ns.end());
    return samples_ns[samples_ns.size() * 99 / 100] / 1000.0;
}

inline double since_ns(Clock::time_point t0) {
    return std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
}

inline std::string server_id(long i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "srv-%08lx", i);
    return buf;
}

// Sessions per server and users per server sized so the sessions fill ~80% of the pool.
inline int per_server(const Settings& s) {
    return static_cast<int>(s.sessions * 5 / 4 / s.servers) + 1;
}

// What a timed churn reports beyond its rates.
struct ChurnFigures {
    long allocs = 0;     // during the timed run
    double p99_us = 0;   // of the operations timed one by one
};

// The timed part both runs share: a warm-up of a tenth as many operations, `ops` operations
// timed together (their rates printed as placement.<name>_per_s and _per_cpu_s, and their
// allocations counted), then a quarter as many timed one by one for the p99. `churn(samples)`
// performs one operation, adding its sample(s) when `samples` is not null.
template <class Churn>
ChurnFigures timed_churn(const char* name, long ops, const Churn& churn) {
    for (long i = 0; i < ops / 10; ++i) churn(nullptr);
    long allocs_before = allocations();
    Stopwatch watch;
    for (long i = 0; i < ops; ++i) churn(nullptr);
    watch.report(name, ops);
    ChurnFigures figures;
    figures.allocs = allocations() - allocs_before;
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(ops / 2));  // room for retried requests too
    for (long i = 0; i < ops / 4; ++i) churn(&samples);
    figures.p99_us = p99_us(samples);
    return figures;
}

void bench_e2e(const Settings& set);

}  // namespace tidepool::bench
