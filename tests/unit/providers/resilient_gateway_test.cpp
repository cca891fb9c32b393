#include "providers/resilient_gateway.h"

#include <doctest/doctest.h>

#include <thread>

#include "fakes.h"

using namespace std::chrono_literals;
using tidepool::ErrorCode;
using tidepool::make_error;
using tidepool::providers::ResilienceOptions;
using tidepool::providers::ResilientGateway;
using tidepool::runtime::CallOptions;
using tidepool::runtime::CreateVmRequest;
using tidepool::test::FakeClock;
using tidepool::test::ScriptedGateway;

namespace {

struct Rig {
    explicit Rig(ResilienceOptions options = {})
        : inner(clock), gateway(inner, with_seed(options), clock) {}
    static ResilienceOptions with_seed(ResilienceOptions o) {
        o.jitter_seed = 42;
        return o;
    }
    CallOptions within(std::chrono::milliseconds budget) {
        CallOptions call;
        call.request_id = "req-1";
        call.deadline = clock.now() + budget;
        return call;
    }
    FakeClock clock;
    ScriptedGateway inner;
    ResilientGateway gateway;
};

const CreateVmRequest kCreate{"vm-1", "key-1", {}, "", "linux"};

}  // namespace

TEST_CASE("transient errors are retried with bounded jittered backoff, then succeed") {
    struct Case {
        ErrorCode code;
        int failures;
    };
    for (Case c : {Case{ErrorCode::unavailable, 1}, Case{ErrorCode::unavailable, 3},
                   Case{ErrorCode::timeout, 2}}) {
        CAPTURE(tidepool::to_string(c.code));
        CAPTURE(c.failures);
        Rig rig;
        std::vector<std::optional<tidepool::Error>> script(c.failures, make_error(c.code, "busy"));
        rig.inner.script("aws", script);
        auto result = rig.gateway.create_vm("aws", kCreate, rig.within(60s));
        REQUIRE(result.ok());
        CHECK(rig.inner.calls("aws") == c.failures + 1);
        CHECK(rig.gateway.stats().retries == static_cast<std::uint64_t>(c.failures));
        // Full jitter: each wait is in [0, 200 ms * 2^n], so the total is at most 200*(2^f - 1).
        auto bound = 200ms * ((1 << c.failures) - 1);
        CHECK(rig.clock.slept() <= bound);
    }
}

TEST_CASE("gives up after max_attempts and returns the provider's error") {
    Rig rig;
    rig.inner.fail_always("aws", ErrorCode::unavailable);
    auto result = rig.gateway.get_vm("aws", "i-1", rig.within(600s));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::unavailable);
    CHECK(rig.inner.calls("aws") == 4);
}

TEST_CASE("non-retryable errors are returned at once") {
    for (ErrorCode code : {ErrorCode::capacity, ErrorCode::denied, ErrorCode::invalid,
                           ErrorCode::not_found, ErrorCode::conflict, ErrorCode::internal,
                           ErrorCode::cancelled}) {
        CAPTURE(tidepool::to_string(code));
        Rig rig;
        rig.inner.fail_always("aws", code);
        auto result = rig.gateway.create_vm("aws", kCreate, rig.within(60s));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == code);
        CHECK(rig.inner.calls("aws") == 1);
        CHECK(rig.gateway.stats().retries == 0);
        CHECK(rig.clock.slept() == 0ms);
    }
}

TEST_CASE("retries never start past the call's deadline") {
    ResilienceOptions options;
    options.retry.max_attempts = 50;
    options.retry.base_delay = 300ms;
    Rig rig(options);
    rig.inner.fail_always("aws", ErrorCode::timeout);
    auto call = rig.within(1s);
    auto result = rig.gateway.list_vms("aws", {}, call);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::timeout);
    CHECK(rig.inner.calls("aws") >= 1);
    for (auto start : rig.inner.starts("aws")) CHECK(start < call.deadline);
    CHECK(rig.clock.now() < call.deadline);
}

TEST_CASE("a deadline already passed fails without calling the provider") {
    Rig rig;
    CallOptions call;
    call.deadline = rig.clock.now() - 1ms;
    auto result = rig.gateway.delete_vm("aws", "i-1", call);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::timeout);
    CHECK(rig.inner.calls("aws") == 0);
}

TEST_CASE("token bucket: burst, then wait, then fail fast when the token is after the deadline") {
    ResilienceOptions options;
    options.create = {3, 1.0};
    Rig rig(options);
    for (int i = 0; i < 3; ++i) REQUIRE(rig.gateway.create_vm("aws", kCreate, rig.within(60s)));
    CHECK(rig.clock.slept() == 0ms);

    REQUIRE(rig.gateway.create_vm("aws", kCreate, rig.within(60s)));
    CHECK(rig.clock.slept() == 1000ms);  // waited one refill interval
    CHECK(rig.gateway.stats().throttled_waits == 1);

    auto result = rig.gateway.create_vm("aws", kCreate, rig.within(500ms));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::unavailable);
    CHECK(result.error().message.find("client-side rate limit") != std::string::npos);
    CHECK(rig.inner.calls("aws") == 4);
    CHECK(rig.clock.slept() == 1000ms);  // failed fast: no waiting
    CHECK(rig.gateway.stats().rate_limited == 1);

    // Reads have their own bucket, unaffected by creates.
    CHECK(rig.gateway.get_vm("aws", "i-1", rig.within(1ms)).ok());
}

TEST_CASE("circuit breaker opens, fails fast, half-opens after open_for, closes on success") {
    ResilienceOptions options;
    options.retry.max_attempts = 1;
    options.breaker = {3, 30s};
    Rig rig(options);
    rig.inner.script("aws", {make_error(ErrorCode::unavailable, "down"),
                             make_error(ErrorCode::unavailable, "down"),
                             make_error(ErrorCode::unavailable, "down")});
    for (int i = 0; i < 3; ++i) CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
    CHECK(rig.gateway.stats().breaker_opens == 1);

    auto rejected = rig.gateway.get_vm("aws", "i", rig.within(60s));
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.error().code == ErrorCode::unavailable);
    CHECK(rejected.error().message.find("circuit open until") != std::string::npos);
    CHECK(rig.inner.calls("aws") == 3);  // the provider was not called

    rig.clock.advance(29s);
    CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
    CHECK(rig.inner.calls("aws") == 3);

    rig.clock.advance(1s);
    CHECK(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());  // the trial
    CHECK(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());  // closed again
    CHECK(rig.inner.calls("aws") == 5);
    CHECK(rig.gateway.stats().breaker_rejections == 2);
}

TEST_CASE("a failed half-open trial reopens the circuit") {
    ResilienceOptions options;
    options.retry.max_attempts = 1;
    options.breaker = {2, 10s};
    Rig rig(options);
    rig.inner.fail_always("aws", ErrorCode::timeout);
    for (int i = 0; i < 2; ++i) CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
    rig.clock.advance(10s);
    CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());  // trial fails
    CHECK(rig.inner.calls("aws") == 3);
    CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());  // open again
    CHECK(rig.inner.calls("aws") == 3);
    CHECK(rig.gateway.stats().breaker_opens == 2);
}

TEST_CASE("one config's open circuit does not affect another config") {
    ResilienceOptions options;
    options.breaker = {2, 30s};
    Rig rig(options);
    rig.inner.fail_always("broken", ErrorCode::unavailable);
    CHECK_FALSE(rig.gateway.create_vm("broken", kCreate, rig.within(60s)).ok());
    CHECK(rig.gateway.stats().breaker_opens == 1);
    CHECK_FALSE(rig.gateway.create_vm("broken", kCreate, rig.within(60s)).ok());
    CHECK(rig.inner.calls("broken") == 2);  // second call rejected without a provider call

    CHECK(rig.gateway.create_vm("healthy", kCreate, rig.within(60s)).ok());
    CHECK(rig.inner.calls("healthy") == 1);
}

TEST_CASE("invalidate closes the config's circuit") {
    ResilienceOptions options;
    options.retry.max_attempts = 1;
    options.breaker = {1, 30s};
    Rig rig(options);
    rig.inner.script("aws", {make_error(ErrorCode::unavailable, "bad credentials endpoint")});
    CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
    CHECK_FALSE(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
    rig.gateway.invalidate("aws");
    CHECK(rig.gateway.get_vm("aws", "i", rig.within(60s)).ok());
}

TEST_CASE("concurrent callers on several configs finish without deadlock") {
    ResilienceOptions options;
    options.breaker = {3, 1s};
    Rig rig(options);
    std::vector<std::optional<tidepool::Error>> flaky;
    for (int i = 0; i < 400; ++i)
        flaky.push_back(i % 3 == 0 ? std::optional(make_error(ErrorCode::unavailable, "x"))
                                   : std::nullopt);
    rig.inner.script("a", flaky);
    rig.inner.script("b", flaky);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&rig, t] {
            std::string config = t % 2 == 0 ? "a" : "b";
            for (int i = 0; i < 200; ++i) {
                auto call = rig.within(5s);
                (void)rig.gateway.get_vm(config, "i", call).ok();
                (void)rig.gateway.create_vm(config, kCreate, call).ok();
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(rig.gateway.stats().calls == 1600);
}
