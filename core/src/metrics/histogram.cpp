#include "metrics/histogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tidepool::metrics {

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
        if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1]))
            throw std::invalid_argument("histogram bounds must be finite and strictly ascending");
    }
    counts_.assign(bounds_.size() + 1, 0);
}

Histogram::Histogram(const Histogram& other) {
    std::lock_guard lock(other.mu_);
    bounds_ = other.bounds_;
    counts_ = other.counts_;
    sum_ = other.sum_;
    count_ = other.count_;
}

void Histogram::observe(double value) {
    if (std::isnan(value)) return;
    // The first bound ≥ value: Prometheus buckets are "less than or equal".
    auto at = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
    std::lock_guard lock(mu_);
    ++counts_[static_cast<std::size_t>(at)];
    sum_ += value;
    ++count_;
}

Histogram::Snapshot Histogram::snapshot() const {
    std::lock_guard lock(mu_);
    Snapshot s{bounds_, {}, sum_, count_};
    std::uint64_t running = 0;
    for (auto n : counts_) s.cumulative.push_back(running += n);
    return s;
}

std::vector<double> Histogram::exponential_bounds(double start, double factor, int count) {
    if (start <= 0 || factor <= 1 || count < 1)
        throw std::invalid_argument("exponential bounds need start > 0, factor > 1, count ≥ 1");
    std::vector<double> out;
    for (double b = start; static_cast<int>(out.size()) < count; b *= factor) out.push_back(b);
    return out;
}

}  // namespace tidepool::metrics
