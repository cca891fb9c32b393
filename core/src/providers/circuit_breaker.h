// A circuit breaker per provider config: once a provider keeps failing with transient errors,
// calls to it fail fast for a while, so worker threads are not tied up in doomed retries and
// pools on other providers keep scaling.
#pragma once

#include <chrono>

namespace tidepool::providers {

struct BreakerOptions {
    // Consecutive retryable failures (each attempt counts) that open the circuit. Five is enough
    // to ride out a blip yet trips within about one retried call's worth of failures.
    int failure_threshold = 5;
    // How long an open circuit rejects calls before letting one trial through. 30 s is longer
    // than typical cloud throttling windows and short next to a reconcile loop's patience.
    std::chrono::milliseconds open_for{30'000};
};

// Not thread-safe: the owner guards it.
class CircuitBreaker {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    enum class Admit { allowed, trial, rejected };

    explicit CircuitBreaker(BreakerOptions options) : options_(options) {}

    // Whether a call may go ahead. After open_for, exactly one caller gets `trial`; the rest are
    // rejected until that trial reports back.
    Admit admit(TimePoint now);
    // The provider answered (any non-retryable outcome counts: it is alive).
    void record_success();
    // A retryable failure; returns true when this failure opened the circuit.
    bool record_failure(TimePoint now);
    // A trial admitted but never made (e.g. rate-limited): let the next caller try instead.
    void abandon_trial(TimePoint now);
    TimePoint open_until() const { return open_until_; }

private:
    enum class State { closed, open, half_open };

    BreakerOptions options_;
    State state_ = State::closed;
    int failures_ = 0;
    TimePoint open_until_{};
};

}  // namespace tidepool::providers
