// Retry-after hints and cancellation in the resilience layer, and the plugin adapter carrying a
// plugin's tp_error.retry_after_ms into the core's Error.
#include <doctest/doctest.h>

#include <future>
#include <thread>

#include "fakes.h"
#include "plugins/status.h"
#include "providers/resilient_gateway.h"

using namespace std::chrono_literals;
using tidepool::Cancellation;
using tidepool::Error;
using tidepool::ErrorCode;
using tidepool::make_error;
using tidepool::providers::ResilienceOptions;
using tidepool::providers::ResilientGateway;
using tidepool::runtime::CallOptions;
using tidepool::runtime::CreateVmRequest;
using tidepool::test::FakeClock;
using tidepool::test::ScriptedGateway;

namespace {

const CreateVmRequest kCreate{"vm-1", "key-1", {}, "", "linux"};

Error throttled(std::int64_t retry_after_ms) {
    Error e = make_error(ErrorCode::unavailable, "RequestLimitExceeded");
    e.retry_after_ms = retry_after_ms;
    return e;
}

CallOptions within(FakeClock& clock, std::chrono::milliseconds budget) {
    CallOptions call;
    call.request_id = "req-1";
    call.deadline = clock.now() + budget;
    return call;
}

}  // namespace

TEST_CASE("a retry-after hint is a floor on the backoff, with bounded jitter on top") {
    struct Case {
        std::int64_t hint_ms;
        std::chrono::milliseconds at_least, at_most;
    };
    // Base delay 200 ms: the first backoff's own cap is 200 ms. With a hint, the wait is
    // hint + jitter in [0, min(hint, 200 ms)].
    for (Case c : {Case{0, 0ms, 200ms}, Case{50, 50ms, 100ms}, Case{1500, 1500ms, 1700ms},
                   Case{8000, 8000ms, 8200ms}}) {
        CAPTURE(c.hint_ms);
        for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
            FakeClock clock;
            ScriptedGateway inner(clock);
            ResilienceOptions options;
            options.jitter_seed = seed;
            ResilientGateway gateway(inner, options, clock);
            inner.script("ec2", {throttled(c.hint_ms)});
            auto result = gateway.create_vm("ec2", kCreate, within(clock, 60s));
            REQUIRE(result.ok());
            auto starts = inner.starts("ec2");
            REQUIRE(starts.size() == 2);
            auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(starts[1] -
                                                                                starts[0]);
            CHECK(waited >= c.at_least);
            CHECK(waited <= c.at_most);
            CHECK(gateway.stats().retry_after_waits == (c.hint_ms > 0 ? 1u : 0u));
        }
    }
}

TEST_CASE("a retry-after past the deadline gives up at once, returning the hint") {
    FakeClock clock;
    ScriptedGateway inner(clock);
    ResilientGateway gateway(inner, {}, clock);
    inner.script("ec2", {throttled(5000)});
    auto result = gateway.get_vm("ec2", "i-1", within(clock, 3s));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::unavailable);
    CHECK(result.error().retry_after_ms == 5000);  // the runtime can still honour it
    CHECK(inner.calls("ec2") == 1);
    CHECK(clock.slept() == 0ms);
}

// The hint is about the account: the next call to the same config, of any kind, waits it
// out too (instead of drawing its own throttling answer); other configs are not held up.
TEST_CASE("a retry-after hint pauses every call to that provider config, and only that one") {
    FakeClock clock;
    ScriptedGateway inner(clock);
    ResilientGateway gateway(inner, {}, clock);
    inner.script("ec2", {throttled(5000)});
    const auto t0 = clock.now();
    CHECK_FALSE(gateway.create_vm("ec2", kCreate, within(clock, 1s)).ok());  // gives up at once
    CHECK(gateway.stats().provider_pauses == 1);
    REQUIRE(gateway.get_vm("other", "i-9", within(clock, 60s)).ok());
    CHECK(inner.starts("other").at(0) == t0);
    CHECK_FALSE(gateway.delete_vm("ec2", "i-1", within(clock, 2s)).ok());  // cannot wait 5 s
    CHECK(inner.calls("ec2") == 1);
    REQUIRE(gateway.get_vm("ec2", "i-1", within(clock, 60s)).ok());
    CHECK(inner.starts("ec2").at(1) == t0 + 5s);
}

TEST_CASE("a hint on a non-retryable error does not make it retryable") {
    FakeClock clock;
    ScriptedGateway inner(clock);
    ResilientGateway gateway(inner, {}, clock);
    Error e = make_error(ErrorCode::capacity, "InsufficientInstanceCapacity");
    e.retry_after_ms = 100;
    inner.script("ec2", {e});
    CHECK_FALSE(gateway.create_vm("ec2", kCreate, within(clock, 60s)).ok());
    CHECK(inner.calls("ec2") == 1);
}

TEST_CASE("a cancelled call never reaches the provider") {
    FakeClock clock;
    ScriptedGateway inner(clock);
    ResilientGateway gateway(inner, {}, clock);
    auto call = within(clock, 60s);
    call.cancel.cancel();
    auto result = gateway.delete_vm("ec2", "i-1", call);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::cancelled);
    CHECK(inner.calls("ec2") == 0);
    CHECK(gateway.stats().cancelled == 1);
}

// On the real clock: a retry asleep behind an hour-long hint must wake when cancelled. Had it
// not woken, the call would retry after the hour and succeed, so the outcome tells.
TEST_CASE("cancelling wakes a retry sleeping in its backoff; the call ends cancelled") {
    FakeClock script_clock;  // only stamps the scripted gateway's calls
    ScriptedGateway inner(script_clock);
    ResilientGateway gateway(inner, {});
    inner.script("ec2", {throttled(3'600'000)});
    CallOptions call;
    call.deadline = std::chrono::system_clock::now() + 2h;
    auto pending = std::async(std::launch::async, [&] {
        return gateway.create_vm("ec2", kCreate, call);
    });
    while (inner.calls("ec2") == 0) std::this_thread::sleep_for(1ms);
    call.cancel.cancel();
    auto result = pending.get();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::cancelled);
    CHECK(inner.calls("ec2") == 1);
}

TEST_CASE("cancelling wakes a caller queued for a client-side token") {
    FakeClock script_clock;
    ScriptedGateway inner(script_clock);
    ResilienceOptions options;
    options.create = {1, 1.0 / 3600};  // one token, then one an hour
    ResilientGateway gateway(inner, options);
    CallOptions call;
    call.deadline = std::chrono::system_clock::now() + 2h;
    REQUIRE(gateway.create_vm("ec2", kCreate, call).ok());
    auto pending = std::async(std::launch::async, [&] {
        return gateway.create_vm("ec2", kCreate, call);
    });
    while (gateway.stats().throttled_waits == 0) std::this_thread::sleep_for(1ms);
    call.cancel.cancel();
    auto result = pending.get();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::cancelled);
    CHECK(inner.calls("ec2") == 1);
}

TEST_CASE("the plugin adapter carries tp_error.retry_after_ms into the Error") {
    struct Case {
        std::int64_t reported, expected;
    };
    for (Case c : {Case{0, 0}, Case{250, 250}, Case{-5, 0}}) {
        CAPTURE(c.reported);
        tp_error err = tidepool::plugins::fresh_error();
        err.retry_after_ms = c.reported;
        tidepool::plugins::CallReport report;
        Error e = tidepool::plugins::error_from_call("sim create_vm", TP_ERR_UNAVAILABLE, err,
                                                     &report);
        CHECK(e.code == ErrorCode::unavailable);
        CHECK(e.retry_after_ms == c.expected);
        CHECK(report.retry_after_ms == c.expected);
    }
}

TEST_CASE("Cancellation: copies share one flag; sleep ends early only when cancelled") {
    Cancellation a;
    Cancellation b = a;
    CHECK_FALSE(b.cancelled());
    CHECK_FALSE(a.sleep_until(std::chrono::system_clock::now()));  // already due: not cancelled
    a.cancel();
    CHECK(b.cancelled());
    CHECK(b.sleep_until(std::chrono::system_clock::now() + 1h));
}
