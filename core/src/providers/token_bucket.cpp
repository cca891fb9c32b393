#include "providers/token_bucket.h"

#include <algorithm>

namespace tidepool::providers {

TokenBucket::TokenBucket(TokenBucketOptions options, TimePoint now)
    : options_(options), tokens_(options.burst), last_(now) {}

void TokenBucket::refill(TimePoint now) {
    // Threads may present slightly stale clocks; never let time run backwards.
    if (now <= last_) return;
    std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(options_.burst, tokens_ + elapsed.count() * options_.refill_per_s);
    last_ = now;
}

std::optional<TokenBucket::TimePoint> TokenBucket::reserve(TimePoint now, TimePoint deadline) {
    if (options_.burst <= 0 || options_.refill_per_s <= 0) return now;  // limiting disabled
    refill(now);
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        return now;
    }
    std::chrono::duration<double> wait((1.0 - tokens_) / options_.refill_per_s);
    auto ready = now + std::chrono::duration_cast<std::chrono::system_clock::duration>(wait);
    if (deadline != TimePoint{} && ready > deadline) return std::nullopt;
    tokens_ -= 1.0;
    return ready;
}

}  // namespace tidepool::providers
