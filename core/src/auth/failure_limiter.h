// FailureLimiter: how many failed authentications one client may cause before it is told to
// wait (429 with Retry-After). Each failure costs up to one PBKDF2 run (auth/key_hash.h), so a
// client flooding bad keys could otherwise keep the CPU busy; legitimate clients that get a key
// wrong a few times are not affected.
//
// Per client address, a token bucket of `burst` failures refilled at `refill_per_s`: a client
// may fail `burst` times in a row, then once per 1/refill_per_s seconds. Only failures consume
// tokens, and a request with an already-verified key never asks (the cache answers it), so a
// well-behaved client behind the same address keeps working while an attacker is held back.
//
// Pure bookkeeping with an injected clock; thread-safe. Memory is bounded: beyond
// `max_clients` addresses, those whose bucket has refilled completely are forgotten first.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tidepool::auth {

class FailureLimiter {
public:
    using Clock = std::chrono::steady_clock;
    struct Options {
        double burst = 10;          // failures allowed back to back
        double refill_per_s = 1;    // then this many per second
        std::size_t max_clients = 10000;
        std::function<Clock::time_point()> now = [] { return Clock::now(); };
    };

    FailureLimiter() : FailureLimiter(Options{}) {}
    explicit FailureLimiter(Options options);

    // nullopt when `client` may try to authenticate now; else how long it must wait (whole
    // seconds, at least 1, for Retry-After).
    std::optional<std::chrono::seconds> wait_before_trying(const std::string& client);
    // Records one failed authentication by `client`.
    void record_failure(const std::string& client);

    std::size_t tracked_clients() const;

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated{};
    };
    void refill(Bucket& bucket, Clock::time_point now) const;
    void forget_idle(Clock::time_point now);

    Options options_;
    mutable std::mutex mu_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace tidepool::auth
