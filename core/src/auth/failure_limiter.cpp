#include "auth/failure_limiter.h"

#include <algorithm>
#include <cmath>

namespace tidepool::auth {

FailureLimiter::FailureLimiter(Options options) : options_(std::move(options)) {}

void FailureLimiter::refill(Bucket& bucket, Clock::time_point now) const {
    std::chrono::duration<double> elapsed = now - bucket.updated;
    if (elapsed.count() > 0)
        bucket.tokens =
            std::min(options_.burst, bucket.tokens + elapsed.count() * options_.refill_per_s);
    bucket.updated = now;
}

std::optional<std::chrono::seconds> FailureLimiter::wait_before_trying(const std::string& client) {
    std::lock_guard lock(mu_);
    auto it = buckets_.find(client);
    if (it == buckets_.end()) return std::nullopt;  // never failed: a full bucket
    const auto now = options_.now();
    refill(it->second, now);
    if (it->second.tokens >= 1) return std::nullopt;
    const double wait_s = (1 - it->second.tokens) / options_.refill_per_s;
    return std::chrono::seconds(std::max<long>(1, static_cast<long>(std::ceil(wait_s))));
}

void FailureLimiter::record_failure(const std::string& client) {
    std::lock_guard lock(mu_);
    const auto now = options_.now();
    auto it = buckets_.find(client);
    if (it == buckets_.end()) {
        if (buckets_.size() >= options_.max_clients) forget_idle(now);
        it = buckets_.emplace(client, Bucket{options_.burst, now}).first;
    }
    refill(it->second, now);
    it->second.tokens = std::max(0.0, it->second.tokens - 1);
}

// Drops clients whose bucket is full again (they are indistinguishable from new ones). If every
// tracked client is still being held back, the map may exceed max_clients until they refill:
// forgetting one of them would lift its limit.
void FailureLimiter::forget_idle(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        refill(it->second, now);
        it = it->second.tokens >= options_.burst ? buckets_.erase(it) : std::next(it);
    }
}

std::size_t FailureLimiter::tracked_clients() const {
    std::lock_guard lock(mu_);
    return buckets_.size();
}

}  // namespace tidepool::auth
