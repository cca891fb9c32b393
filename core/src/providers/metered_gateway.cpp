#include "providers/metered_gateway.h"

namespace tidepool::providers {

MeteredGateway::MeteredGateway(runtime::ProviderGateway& inner, Clock clock)
    : inner_(inner), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

std::vector<double> MeteredGateway::duration_bounds() {
    return metrics::Histogram::exponential_bounds(0.005, 4, 8);
}

template <class Fn>
auto MeteredGateway::timed(const model::Id& config_id, const char* operation, Fn&& call) {
    auto started = clock_();
    auto result = call();
    std::chrono::duration<double> took = clock_() - started;
    record(config_id, operation, took.count(), result.ok() ? nullptr : &result.error());
    return result;
}

void MeteredGateway::record(const model::Id& config_id, const char* operation, double seconds,
                            const Error* error) {
    std::lock_guard lock(mu_);
    auto& entry = entries_[{config_id, operation}];
    entry.duration.observe(seconds);
    if (error) ++entry.errors[to_string(error->code)];
}

Result<runtime::VmRecord> MeteredGateway::create_vm(const model::Id& provider_config_id,
                                                    const runtime::CreateVmRequest& request,
                                                    const runtime::CallOptions& call) {
    return timed(provider_config_id, "create_vm",
                 [&] { return inner_.create_vm(provider_config_id, request, call); });
}

Result<runtime::VmRecord> MeteredGateway::get_vm(const model::Id& provider_config_id,
                                                 const std::string& provider_id,
                                                 const runtime::CallOptions& call) {
    return timed(provider_config_id, "get_vm",
                 [&] { return inner_.get_vm(provider_config_id, provider_id, call); });
}

Result<std::vector<runtime::VmRecord>> MeteredGateway::list_vms(
    const model::Id& provider_config_id, const runtime::Tags& filter,
    const runtime::CallOptions& call) {
    return timed(provider_config_id, "list_vms",
                 [&] { return inner_.list_vms(provider_config_id, filter, call); });
}

Result<void> MeteredGateway::delete_vm(const model::Id& provider_config_id,
                                       const std::string& provider_id,
                                       const runtime::CallOptions& call) {
    return timed(provider_config_id, "delete_vm",
                 [&] { return inner_.delete_vm(provider_config_id, provider_id, call); });
}

Result<std::vector<runtime::MachineSecret>> MeteredGateway::get_credentials(
    const model::Id& provider_config_id, const std::string& provider_id,
    const runtime::CallOptions& call) {
    return timed(provider_config_id, "get_credentials",
                 [&] { return inner_.get_credentials(provider_config_id, provider_id, call); });
}

Result<void> MeteredGateway::upsert_dns(const model::Id& dns_provider_id,
                                        const runtime::DnsRecord& record,
                                        const runtime::CallOptions& call) {
    return timed(dns_provider_id, "upsert_dns",
                 [&] { return inner_.upsert_dns(dns_provider_id, record, call); });
}

Result<void> MeteredGateway::delete_dns(const model::Id& dns_provider_id,
                                        const runtime::DnsRecord& record,
                                        const runtime::CallOptions& call) {
    return timed(dns_provider_id, "delete_dns",
                 [&] { return inner_.delete_dns(dns_provider_id, record, call); });
}

// Validation and redaction are local schema work, not provider calls: passed through untimed.
Result<void> MeteredGateway::validate_provider_config(const model::ProviderConfig& config,
                                                      const std::string& pointer) {
    return inner_.validate_provider_config(config, pointer);
}

Result<model::ProviderConfig> MeteredGateway::prepare_for_store(
    const model::ProviderConfig& config, const std::string& pointer) {
    return inner_.prepare_for_store(config, pointer);
}

model::ProviderConfig MeteredGateway::redacted(const model::ProviderConfig& config) {
    return inner_.redacted(config);
}

void MeteredGateway::invalidate(const model::Id& provider_config_id) {
    inner_.invalidate(provider_config_id);
}

std::vector<ProviderCallMetrics> MeteredGateway::calls() const {
    std::lock_guard lock(mu_);
    std::vector<ProviderCallMetrics> out;
    for (const auto& [key, entry] : entries_)
        out.push_back({key.first, key.second, entry.duration.snapshot(), entry.errors});
    return out;
}

}  // namespace tidepool::providers
