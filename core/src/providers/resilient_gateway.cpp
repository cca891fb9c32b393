#include "providers/resilient_gateway.h"

#include <algorithm>
#include <ctime>
#include <utility>

namespace tidepool::providers {

namespace {

class SystemClock : public ResilienceClock {
public:
    TimePoint now() override { return std::chrono::system_clock::now(); }
    bool sleep_until(TimePoint when, const Cancellation& cancel) override {
        return cancel.sleep_until(when);
    }
};

// Only transient classes are worth repeating: capacity, denied, invalid, not_found, conflict
// and internal answer the same way next time, and cancelled means the caller gave up.
bool is_retryable(ErrorCode code) {
    return code == ErrorCode::unavailable || code == ErrorCode::timeout;
}

bool has_deadline(std::chrono::system_clock::time_point deadline) {
    return deadline != std::chrono::system_clock::time_point{};
}

std::string utc_text(std::chrono::system_clock::time_point t) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

const char* class_name(ResilientGateway::CallClass cls) {
    switch (cls) {
        case ResilientGateway::CallClass::create: return "create";
        case ResilientGateway::CallClass::read: return "read";
        case ResilientGateway::CallClass::remove: return "delete";
    }
    return "?";
}

}  // namespace

ResilienceClock& system_resilience_clock() {
    static SystemClock clock;
    return clock;
}

ResilientGateway::ResilientGateway(runtime::ProviderGateway& inner, ResilienceOptions options,
                                   ResilienceClock& clock)
    : inner_(inner),
      options_(std::move(options)),
      clock_(clock),
      rng_(options_.jitter_seed != 0 ? options_.jitter_seed : std::random_device{}()) {}

ResilientGateway::ConfigState& ResilientGateway::state_locked(const model::Id& config_id) {
    auto it = configs_.find(config_id);
    if (it != configs_.end()) return it->second;
    TimePoint now = clock_.now();
    ConfigState fresh{TokenBucket(options_.create, now), TokenBucket(options_.read, now),
                      TokenBucket(options_.remove, now), CircuitBreaker(options_.breaker)};
    return configs_.emplace(config_id, std::move(fresh)).first->second;
}

// Checks the circuit and takes a token, sleeping (without the lock) until the token is due.
// Returns the error to fail fast with, if any.
std::optional<Error> ResilientGateway::admit(const model::Id& config_id, CallClass cls,
                                             const runtime::CallOptions& call,
                                             CircuitBreaker::Admit& admitted) {
    if (call.cancel.cancelled()) return cancelled_error(config_id);
    const TimePoint deadline = call.deadline;
    std::unique_lock lock(mu_);
    TimePoint now = clock_.now();
    if (has_deadline(deadline) && now >= deadline)
        return make_error(ErrorCode::timeout, "deadline passed before calling provider config " +
                                                  config_id);
    ConfigState& state = state_locked(config_id);
    admitted = state.breaker.admit(now);
    if (admitted == CircuitBreaker::Admit::rejected) {
        ++stats_.breaker_rejections;
        return make_error(ErrorCode::unavailable,
                          "provider config " + config_id + " is failing; circuit open until " +
                              utc_text(state.breaker.open_until()));
    }
    TokenBucket& bucket = cls == CallClass::create ? state.create
                          : cls == CallClass::read ? state.read
                                                   : state.remove;
    std::optional<TimePoint> ready = bucket.reserve(now, deadline);
    if (!ready) {
        if (admitted == CircuitBreaker::Admit::trial) state.breaker.abandon_trial(now);
        ++stats_.rate_limited;
        return make_error(ErrorCode::unavailable,
                          std::string("client-side rate limit: no ") + class_name(cls) +
                              " token for provider config " + config_id +
                              " before the call's deadline");
    }
    if (*ready > now) {
        ++stats_.throttled_waits;
        lock.unlock();
        // The reserved token is not handed back on cancel: a stopping runtime makes no more
        // calls, and giving it back would let a racing caller jump the queue.
        if (clock_.sleep_until(*ready, call.cancel)) return cancelled_error(config_id);
    }
    return std::nullopt;
}

Error ResilientGateway::cancelled_error(const model::Id& config_id) {
    std::lock_guard lock(mu_);
    ++stats_.cancelled;
    return make_error(ErrorCode::cancelled,
                      "call to provider config " + config_id + " cancelled (shutting down)");
}

void ResilientGateway::record(const model::Id& config_id, const Error* error) {
    std::lock_guard lock(mu_);
    ConfigState& state = state_locked(config_id);
    // A retry-after hint speaks for the account, not the one call: every caller of this
    // config waits it out, or the other workers would keep drawing throttling answers (which
    // also hit the operator's other tools on the same account) until each got its own hint.
    if (error != nullptr && error->retry_after_ms > 0) {
        TimePoint until = clock_.now() + std::chrono::milliseconds(error->retry_after_ms);
        state.create.drain_until(until);
        state.read.drain_until(until);
        state.remove.drain_until(until);
        ++stats_.provider_pauses;
    }
    // Any non-retryable answer (even not_found or denied) proves the provider is reachable.
    if (error == nullptr || !is_retryable(error->code)) {
        state.breaker.record_success();
        return;
    }
    if (state.breaker.record_failure(clock_.now())) ++stats_.breaker_opens;
}

// When the next attempt may start, or nothing if that would be at or past the deadline.
std::optional<ResilientGateway::TimePoint> ResilientGateway::backoff_until(
    int attempt, TimePoint deadline, std::int64_t retry_after_ms) {
    std::lock_guard lock(mu_);
    const RetryOptions& r = options_.retry;
    auto cap = r.base_delay * (std::int64_t{1} << std::min(attempt - 1, 30));
    cap = std::min(cap, r.max_delay);
    // The provider's hint is a floor; the jitter on top of it is capped by the hint itself so
    // a short hint is not stretched to the exponential cap, yet many callers told the same
    // hint still come back spread out.
    auto floor = std::chrono::milliseconds(std::max<std::int64_t>(retry_after_ms, 0));
    if (floor.count() > 0) cap = std::min(cap, floor);
    std::uniform_int_distribution<std::int64_t> pick(0, std::max<std::int64_t>(cap.count(), 0));
    TimePoint resume = clock_.now() + floor + std::chrono::milliseconds(pick(rng_));
    if (has_deadline(deadline) && resume >= deadline) return std::nullopt;
    ++stats_.retries;
    if (floor.count() > 0) ++stats_.retry_after_waits;
    return resume;
}

template <class T, class Fn>
Result<T> ResilientGateway::run(const model::Id& config_id, CallClass cls,
                                const runtime::CallOptions& call, Fn&& attempt) {
    {
        std::lock_guard lock(mu_);
        ++stats_.calls;
    }
    for (int n = 1;; ++n) {
        CircuitBreaker::Admit admitted{};
        if (auto refused = admit(config_id, cls, call, admitted)) return *refused;
        Result<T> result = attempt();
        const Error* error = result.ok() ? nullptr : &result.error();
        record(config_id, error);
        if (error == nullptr || !is_retryable(error->code) || n >= options_.retry.max_attempts)
            return result;
        std::optional<TimePoint> resume =
            backoff_until(n, call.deadline, error->retry_after_ms);
        if (!resume) return result;  // never retry past the caller's deadline
        if (clock_.sleep_until(*resume, call.cancel)) return cancelled_error(config_id);
    }
}

Result<runtime::VmRecord> ResilientGateway::create_vm(const model::Id& provider_config_id,
                                                      const runtime::CreateVmRequest& request,
                                                      const runtime::CallOptions& call) {
    // Retrying a create is safe only because every attempt sends the very same request, with
    // its name and idempotency key: a create that succeeded at the provider but whose answer
    // was lost is de-duplicated there instead of launching a second machine.
    return run<runtime::VmRecord>(provider_config_id, CallClass::create, call, [&] {
        return inner_.create_vm(provider_config_id, request, call);
    });
}

Result<runtime::VmRecord> ResilientGateway::get_vm(const model::Id& provider_config_id,
                                                   const std::string& provider_id,
                                                   const runtime::CallOptions& call) {
    return run<runtime::VmRecord>(provider_config_id, CallClass::read, call, [&] {
        return inner_.get_vm(provider_config_id, provider_id, call);
    });
}

Result<std::vector<runtime::VmRecord>> ResilientGateway::list_vms(
    const model::Id& provider_config_id, const runtime::Tags& filter,
    const runtime::CallOptions& call) {
    return run<std::vector<runtime::VmRecord>>(provider_config_id, CallClass::read, call, [&] {
        return inner_.list_vms(provider_config_id, filter, call);
    });
}

Result<void> ResilientGateway::delete_vm(const model::Id& provider_config_id,
                                         const std::string& provider_id,
                                         const runtime::CallOptions& call) {
    // delete_vm is idempotent (a VM already gone is success), so retries are safe.
    return run<void>(provider_config_id, CallClass::remove, call, [&] {
        return inner_.delete_vm(provider_config_id, provider_id, call);
    });
}

Result<std::vector<runtime::MachineSecret>> ResilientGateway::get_credentials(
    const model::Id& provider_config_id, const std::string& provider_id,
    const runtime::CallOptions& call) {
    return run<std::vector<runtime::MachineSecret>>(
        provider_config_id, CallClass::read, call,
        [&] { return inner_.get_credentials(provider_config_id, provider_id, call); });
}

Result<void> ResilientGateway::upsert_dns(const model::Id& dns_provider_id,
                                          const runtime::DnsRecord& record,
                                          const runtime::CallOptions& call) {
    return run<void>(dns_provider_id, CallClass::create, call,
                     [&] { return inner_.upsert_dns(dns_provider_id, record, call); });
}

Result<void> ResilientGateway::delete_dns(const model::Id& dns_provider_id,
                                          const runtime::DnsRecord& record,
                                          const runtime::CallOptions& call) {
    return run<void>(dns_provider_id, CallClass::remove, call,
                     [&] { return inner_.delete_dns(dns_provider_id, record, call); });
}

Result<void> ResilientGateway::validate_provider_config(const model::ProviderConfig& config,
                                                        const std::string& pointer) {
    return inner_.validate_provider_config(config, pointer);
}

Result<model::ProviderConfig> ResilientGateway::prepare_for_store(
    const model::ProviderConfig& config, const std::string& pointer) {
    return inner_.prepare_for_store(config, pointer);
}

model::ProviderConfig ResilientGateway::redacted(const model::ProviderConfig& config) {
    return inner_.redacted(config);
}

void ResilientGateway::invalidate(const model::Id& provider_config_id) {
    {
        std::lock_guard lock(mu_);
        auto it = configs_.find(provider_config_id);
        if (it != configs_.end()) it->second.breaker.record_success();
    }
    inner_.invalidate(provider_config_id);
}

ResilienceStats ResilientGateway::stats() const {
    std::lock_guard lock(mu_);
    return stats_;
}

}  // namespace tidepool::providers
