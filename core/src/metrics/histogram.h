// Histogram: a thread-safe cumulative histogram with fixed bucket bounds, the shape Prometheus
// exposes (`_bucket{le=…}`, `_sum`, `_count`). Observations come from any thread (provider
// workers, the control strand); a scrape takes a consistent snapshot.
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

namespace tidepool::metrics {

class Histogram {
public:
    struct Snapshot {
        std::vector<double> bounds;               // finite upper bounds, ascending
        std::vector<std::uint64_t> cumulative;    // observations ≤ bounds[i]; one more for +Inf
        double sum = 0;
        std::uint64_t count = 0;
    };

    // `bounds` must be finite and strictly ascending (std::invalid_argument otherwise: bucket
    // layouts are fixed in code, so a bad one is a programming error found at start).
    explicit Histogram(std::vector<double> bounds);
    Histogram(const Histogram& other);
    Histogram& operator=(const Histogram&) = delete;

    // NaN observations are dropped: they would poison _sum for the life of the process.
    void observe(double value);
    Snapshot snapshot() const;

    // `count` bounds start, start·factor, start·factor², … (e.g. latency buckets).
    static std::vector<double> exponential_bounds(double start, double factor, int count);

private:
    mutable std::mutex mu_;
    std::vector<double> bounds_;
    std::vector<std::uint64_t> counts_;  // per bucket (not cumulative); last one is +Inf
    double sum_ = 0;
    std::uint64_t count_ = 0;
};

}  // namespace tidepool::metrics
