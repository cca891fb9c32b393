#include <doctest/doctest.h>

#include <vector>

#include "providers/circuit_breaker.h"
#include "providers/token_bucket.h"

using namespace std::chrono_literals;
using tidepool::providers::CircuitBreaker;
using tidepool::providers::TokenBucket;
using Admit = CircuitBreaker::Admit;

namespace {
const auto kT0 = std::chrono::system_clock::time_point{} + 1000h;
}

TEST_CASE("half-open admits exactly one trial; an abandoned trial passes to the next caller") {
    CircuitBreaker breaker({1, 10s});
    CHECK(breaker.admit(kT0) == Admit::allowed);
    CHECK(breaker.record_failure(kT0));
    CHECK(breaker.admit(kT0 + 9s) == Admit::rejected);
    CHECK(breaker.admit(kT0 + 10s) == Admit::trial);
    CHECK(breaker.admit(kT0 + 10s) == Admit::rejected);
    breaker.abandon_trial(kT0 + 11s);
    CHECK(breaker.admit(kT0 + 11s) == Admit::trial);
    breaker.record_success();
    CHECK(breaker.admit(kT0 + 11s) == Admit::allowed);
}

TEST_CASE("a success resets the consecutive-failure count") {
    CircuitBreaker breaker({3, 10s});
    CHECK_FALSE(breaker.record_failure(kT0));
    CHECK_FALSE(breaker.record_failure(kT0));
    breaker.record_success();
    CHECK_FALSE(breaker.record_failure(kT0));
    CHECK_FALSE(breaker.record_failure(kT0));
    CHECK(breaker.record_failure(kT0));
}

TEST_CASE("token bucket queues reservations and refuses ones past the deadline") {
    TokenBucket bucket({2, 4.0}, kT0);
    const auto none = std::chrono::system_clock::time_point{};
    CHECK(bucket.reserve(kT0, none) == kT0);
    CHECK(bucket.reserve(kT0, none) == kT0);
    CHECK(bucket.reserve(kT0, none) == kT0 + 250ms);
    CHECK(bucket.reserve(kT0, none) == kT0 + 500ms);
    CHECK_FALSE(bucket.reserve(kT0, kT0 + 600ms).has_value());  // would be 750 ms
    CHECK(bucket.reserve(kT0, kT0 + 750ms) == kT0 + 750ms);
    // Refills cap at the burst size.
    CHECK(bucket.reserve(kT0 + 1h, none) == kT0 + 1h);
    CHECK(bucket.reserve(kT0 + 1h, none) == kT0 + 1h);
    CHECK(bucket.reserve(kT0 + 1h, none) == kT0 + 1h + 250ms);
}

TEST_CASE("a zero burst disables limiting") {
    TokenBucket bucket({0, 0}, kT0);
    for (int i = 0; i < 100; ++i) CHECK(bucket.reserve(kT0, kT0) == kT0);
}

TEST_CASE("a drained bucket hands out nothing before the pause ends, then one token at a time") {
    const auto none = std::chrono::system_clock::time_point{};
    struct Case {
        double burst, refill;
        std::vector<std::chrono::milliseconds> after_pause;  // successive reservations at kT0
    };
    // A full bucket loses its saved burst; a disabled one (burst 0) still honours the pause.
    for (const Case& c : {Case{10, 4.0, {2000ms, 2250ms, 2500ms}},
                          Case{0, 0, {2000ms, 2000ms, 2000ms}}}) {
        CAPTURE(c.burst);
        TokenBucket bucket({c.burst, c.refill}, kT0);
        bucket.drain_until(kT0 + 2s);
        bucket.drain_until(kT0 + 1s);  // an earlier end never shortens a pause in force
        CHECK_FALSE(bucket.reserve(kT0, kT0 + 1500ms).has_value());
        for (auto at : c.after_pause) CHECK(bucket.reserve(kT0, none) == kT0 + at);
    }
}

TEST_CASE("reservations queued before a drain stay queued behind it") {
    const auto none = std::chrono::system_clock::time_point{};
    TokenBucket bucket({1, 4.0}, kT0);
    CHECK(bucket.reserve(kT0, none) == kT0);
    CHECK(bucket.reserve(kT0, none) == kT0 + 250ms);  // one token owed
    bucket.drain_until(kT0 + 1s);
    CHECK(bucket.reserve(kT0, none) == kT0 + 1s + 500ms);  // behind the pause and the debt
}
