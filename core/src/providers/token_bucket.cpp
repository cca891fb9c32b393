#include "providers/token_bucket.h"

#include <algorithm>

namespace tidepool::providers {

TokenBucket::TokenBucket(TokenBucketOptions options, TimePoint now)
    : options_(options), tokens_(options.burst), last_(now) {}

void TokenBucket::refill(TimePoint now) {
    // Threads may present slightly stale clocks, and a drain moves last_ into the future:
    // never let time run backwards.
    if (now <= last_) return;
    std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(options_.burst, tokens_ + elapsed.count() * options_.refill_per_s);
    last_ = now;
}

std::optional<TokenBucket::TimePoint> TokenBucket::reserve(TimePoint now, TimePoint deadline) {
    // While drained, no token is due before last_ (limiting on or off).
    const TimePoint from = std::max(now, last_);
    if (options_.burst <= 0 || options_.refill_per_s <= 0) {
        if (deadline != TimePoint{} && from > deadline) return std::nullopt;
        return from;  // limiting disabled
    }
    refill(now);
    std::chrono::duration<double> wait(tokens_ >= 1.0 ? 0.0
                                                      : (1.0 - tokens_) / options_.refill_per_s);
    auto ready = from + std::chrono::duration_cast<std::chrono::system_clock::duration>(wait);
    if (deadline != TimePoint{} && ready > deadline) return std::nullopt;
    tokens_ -= 1.0;
    return ready;
}

void TokenBucket::drain_until(TimePoint until) {
    // Reservations already handed out (negative tokens) stay queued behind the pause; the
    // saved burst does not survive it: one caller may go at `until`, the rest follow at the
    // refill rate instead of all at once.
    tokens_ = std::min(tokens_, 1.0);
    last_ = std::max(last_, until);
}

}  // namespace tidepool::providers
