// Fault handling in front of any ProviderGateway (normally PluginGateway): client-side rate
// limits, retries of transient failures with backoff, deadlines, and a circuit breaker per
// provider config, so one slow or failing cloud account never stalls pools on other accounts.
//
// Wrap it around the real gateway and hand the runtime the wrapper:
//     PluginGateway plugins(registry, store);
//     ResilientGateway gateway(plugins);  // default ResilienceOptions, system clock
//
// A provider's retry-after hint pauses every call to that provider config (its buckets are
// drained until then), not only the call that was told.
//
// Every wait (for a client-side token, or a backoff between attempts) is bounded by the call's
// deadline and ends early when the call's Cancellation fires, so stopping the runtime never
// waits for a sleeping retry.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "providers/circuit_breaker.h"
#include "providers/token_bucket.h"
#include "runtime/provider_gateway.h"

namespace tidepool::providers {

// Time and sleeping go through this so tests run on a virtual clock, instantly.
class ResilienceClock {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    virtual ~ResilienceClock() = default;
    virtual TimePoint now() = 0;
    // Sleeps until `when` or until `cancel` fires, whichever is first; true when cancelled.
    virtual bool sleep_until(TimePoint when, const Cancellation& cancel) = 0;
};

// The real clock (the default).
ResilienceClock& system_resilience_clock();

struct RetryOptions {
    // Attempts in all, first included. Four attempts with 200 ms doubling cover ~3 s of
    // trouble, about what a throttled cloud API needs, without pinning a worker for long.
    int max_attempts = 4;
    std::chrono::milliseconds base_delay{200};
    std::chrono::milliseconds max_delay{10'000};
    // Full jitter (a uniform delay in [0, min(max, base * 2^n)]) spreads retries from many
    // workers so they do not hit a recovering API in lockstep. When the provider answered with
    // a retry-after hint, the wait is the hint plus a jitter of up to min(hint, that cap): never
    // sooner than asked, and still spread out.
};

// Defaults are modelled on EC2's published buckets, the strictest big cloud Tidepool targets:
// RunInstances resources 1,000 burst refilling 2/s; non-mutating (describe) requests 100 burst
// refilling 20/s; TerminateInstances resources 1,000 burst refilling 20/s. Plugins for laxer
// clouds can raise them per provider config.
struct ResilienceOptions {
    TokenBucketOptions create{1000, 2.0};
    TokenBucketOptions read{100, 20.0};  // get_vm and list_vms
    TokenBucketOptions remove{1000, 20.0};
    RetryOptions retry;
    BreakerOptions breaker;
    std::uint64_t jitter_seed = 0;  // 0: seed from std::random_device; tests pass a fixed seed
};

// Counters for metrics; monotonically increasing.
struct ResilienceStats {
    std::uint64_t calls = 0;
    std::uint64_t retries = 0;
    std::uint64_t throttled_waits = 0;   // calls that slept for a client-side token
    std::uint64_t rate_limited = 0;      // calls failed fast: token after the deadline
    std::uint64_t breaker_opens = 0;
    std::uint64_t breaker_rejections = 0;  // calls failed fast by an open circuit
    std::uint64_t retry_after_waits = 0;   // backoffs lengthened to a provider's retry-after
    std::uint64_t provider_pauses = 0;     // retry-after hints that paused a whole config
    std::uint64_t cancelled = 0;           // calls given up because the caller cancelled
};

class ResilientGateway : public runtime::ProviderGateway {
public:
    // `inner` (and `clock`) must outlive this object.
    explicit ResilientGateway(runtime::ProviderGateway& inner, ResilienceOptions options = {},
                              ResilienceClock& clock = system_resilience_clock());

    Result<runtime::VmRecord> create_vm(const model::Id& provider_config_id,
                                        const runtime::CreateVmRequest& request,
                                        const runtime::CallOptions& call) override;
    Result<runtime::VmRecord> get_vm(const model::Id& provider_config_id,
                                     const std::string& provider_id,
                                     const runtime::CallOptions& call) override;
    Result<std::vector<runtime::VmRecord>> list_vms(const model::Id& provider_config_id,
                                                    const runtime::Tags& filter,
                                                    const runtime::CallOptions& call) override;
    Result<void> delete_vm(const model::Id& provider_config_id, const std::string& provider_id,
                           const runtime::CallOptions& call) override;
    // Credentials count as reads; DNS upserts as creates, DNS deletes as removes. All are
    // idempotent, so retrying them is safe.
    Result<std::vector<runtime::MachineSecret>> get_credentials(
        const model::Id& provider_config_id, const std::string& provider_id,
        const runtime::CallOptions& call) override;
    Result<void> upsert_dns(const model::Id& dns_provider_id, const runtime::DnsRecord& record,
                            const runtime::CallOptions& call) override;
    Result<void> delete_dns(const model::Id& dns_provider_id, const runtime::DnsRecord& record,
                            const runtime::CallOptions& call) override;
    Result<void> validate_provider_config(const model::ProviderConfig& config,
                                          const std::string& pointer) override;
    model::ProviderConfig redacted(const model::ProviderConfig& config) override;
    Result<model::ProviderConfig> prepare_for_store(const model::ProviderConfig& config,
                                                    const std::string& pointer) override;
    // Also closes the config's circuit: new settings deserve a fresh chance.
    void invalidate(const model::Id& provider_config_id) override;

    ResilienceStats stats() const;

    enum class CallClass { create, read, remove };

private:
    struct ConfigState {
        TokenBucket create, read, remove;
        CircuitBreaker breaker;
    };
    using TimePoint = ResilienceClock::TimePoint;

    template <class T, class Fn>
    Result<T> run(const model::Id& config_id, CallClass cls, const runtime::CallOptions& call,
                  Fn&& attempt);
    std::optional<Error> admit(const model::Id& config_id, CallClass cls,
                               const runtime::CallOptions& call, CircuitBreaker::Admit& admitted);
    void record(const model::Id& config_id, const Error* error);
    std::optional<TimePoint> backoff_until(int attempt, TimePoint deadline,
                                           std::int64_t retry_after_ms);
    Error cancelled_error(const model::Id& config_id);
    ConfigState& state_locked(const model::Id& config_id);

    runtime::ProviderGateway& inner_;
    ResilienceOptions options_;
    ResilienceClock& clock_;
    // One mutex guards every config's buckets and breaker and the RNG; each critical section is a
    // map lookup and some arithmetic, and it is never held across a provider call or a sleep.
    mutable std::mutex mu_;
    std::map<model::Id, ConfigState> configs_;
    std::mt19937_64 rng_;
    ResilienceStats stats_;
};

}  // namespace tidepool::providers
