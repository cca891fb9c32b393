// MeteredGateway: times every provider call and counts its failures by error class, for
// /metrics. It wraps the resilient gateway, so a latency is what the runtime waited (retries
// and throttling included) and an error is what was left after retries.
//
//     ResilientGateway resilient(plugins);
//     MeteredGateway metered(resilient);   // hand `metered` to the runtime
//     for (auto& row : metered.calls()) …  // per (provider config, operation)
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "metrics/histogram.h"
#include "runtime/provider_gateway.h"

namespace tidepool::providers {

// One (provider config, operation) pair: how long its calls took and how they failed.
struct ProviderCallMetrics {
    model::Id provider_config_id;
    std::string operation;  // create_vm, get_vm, list_vms, delete_vm
    metrics::Histogram::Snapshot duration_seconds;
    std::map<std::string, std::uint64_t> errors;  // ErrorCode name → count
};

class MeteredGateway : public runtime::ProviderGateway {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    // `inner` must outlive this object. `clock` is for tests (default: steady_clock::now).
    explicit MeteredGateway(runtime::ProviderGateway& inner, Clock clock = {});

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
    void invalidate(const model::Id& provider_config_id) override;

    // Every pair called so far, ordered by (provider config, operation).
    std::vector<ProviderCallMetrics> calls() const;
    // The latency buckets: 5 ms to ~82 s in ×4 steps, wide enough for a slow cloud create.
    static std::vector<double> duration_bounds();

private:
    template <class Fn>
    auto timed(const model::Id& config_id, const char* operation, Fn&& call);
    void record(const model::Id& config_id, const char* operation, double seconds,
                const Error* error);

    struct Entry {
        metrics::Histogram duration{duration_bounds()};
        std::map<std::string, std::uint64_t> errors;
    };
    runtime::ProviderGateway& inner_;
    Clock clock_;
    mutable std::mutex mu_;
    std::map<std::pair<model::Id, std::string>, Entry> entries_;
};

}  // namespace tidepool::providers
