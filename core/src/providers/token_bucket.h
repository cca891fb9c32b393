// A client-side token bucket per provider config and call class, so Tidepool spends a cloud's
// API budget evenly instead of discovering the limit through throttling errors that also hit
// the operator's other tools sharing the same account.
#pragma once

#include <chrono>
#include <optional>

namespace tidepool::providers {

struct TokenBucketOptions {
    double burst = 0;         // tokens held when idle; 0 disables limiting
    double refill_per_s = 0;  // tokens added per second
};

// Not thread-safe: the owner guards it. Tokens may go negative, which turns the bucket into a
// queue: each caller reserves the next free slot and sleeps until then, so concurrent callers
// are spread out rather than all waking at once and racing for one token.
class TokenBucket {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    explicit TokenBucket(TokenBucketOptions options, TimePoint now);

    // Reserves one token and returns when it may be used (now, or later). Returns nothing, and
    // reserves nothing, when that moment would fall after `deadline` (a zero deadline means
    // none), so the caller can fail fast instead of waiting for a call that cannot finish.
    std::optional<TimePoint> reserve(TimePoint now, TimePoint deadline);

    // The provider said "retry after": no token is handed out before `until`, and then the
    // bucket holds at most one (its saved burst is gone). Earlier `until`s than one already in force are no-ops.
    void drain_until(TimePoint until);

private:
    void refill(TimePoint now);

    TokenBucketOptions options_;
    double tokens_;
    TimePoint last_;
};

}  // namespace tidepool::providers
