#include <doctest/doctest.h>

#include <string>

#include "auth/failure_limiter.h"

using tidepool::auth::FailureLimiter;
using namespace std::chrono_literals;

namespace {

struct FakeClock {
    FailureLimiter::Clock::time_point t{};
    FailureLimiter::Options options(double burst, double refill, std::size_t max_clients = 100) {
        FailureLimiter::Options o;
        o.burst = burst;
        o.refill_per_s = refill;
        o.max_clients = max_clients;
        o.now = [this] { return t; };
        return o;
    }
};

}  // namespace

TEST_CASE("a client may fail `burst` times, then waits for the bucket to refill") {
    FakeClock clock;
    FailureLimiter limiter(clock.options(3, 0.5));  // one more try every 2 s
    for (int i = 0; i < 3; ++i) {
        CHECK_FALSE(limiter.wait_before_trying("10.0.0.1"));
        limiter.record_failure("10.0.0.1");
    }
    auto wait = limiter.wait_before_trying("10.0.0.1");
    REQUIRE(wait);
    CHECK(*wait == 2s);
    clock.t += 1500ms;
    REQUIRE(limiter.wait_before_trying("10.0.0.1"));
    CHECK(*limiter.wait_before_trying("10.0.0.1") == 1s);  // 0.5 s left, rounded up
    clock.t += 500ms;
    CHECK_FALSE(limiter.wait_before_trying("10.0.0.1"));
}

TEST_CASE("clients are limited independently, and successes cost nothing") {
    FakeClock clock;
    FailureLimiter limiter(clock.options(1, 1));
    limiter.record_failure("10.0.0.1");
    CHECK(limiter.wait_before_trying("10.0.0.1"));
    CHECK_FALSE(limiter.wait_before_trying("10.0.0.2"));
    CHECK(limiter.tracked_clients() == 1);
}

TEST_CASE("failures while held back do not push the bucket below empty") {
    FakeClock clock;
    FailureLimiter limiter(clock.options(2, 1));
    for (int i = 0; i < 50; ++i) limiter.record_failure("c");
    clock.t += 1s;
    CHECK_FALSE(limiter.wait_before_trying("c"));
}

TEST_CASE("beyond max_clients, clients whose bucket refilled are forgotten; held ones are not") {
    FakeClock clock;
    FailureLimiter limiter(clock.options(1, 1, 2));
    limiter.record_failure("a");
    limiter.record_failure("b");
    clock.t += 10s;              // a and b have refilled completely
    limiter.record_failure("c");  // full: a and b go
    CHECK(limiter.tracked_clients() == 1);
    limiter.record_failure("d");
    limiter.record_failure("e");  // c and d are still held back: kept, the map grows
    CHECK(limiter.tracked_clients() == 3);
    CHECK(limiter.wait_before_trying("c"));
    CHECK(limiter.wait_before_trying("e"));
}
