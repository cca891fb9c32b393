// A provider gateway for benchmarks whose pools are filled by hand: every call says there is no
// provider, so a benchmark that reached one would show it as errors rather than hide it.
#pragma once

#include "runtime/provider_gateway.h"

namespace tidepool::bench {

class NoProviders final : public runtime::ProviderGateway {
public:
    using Id = model::Id;
    Result<runtime::VmRecord> create_vm(const Id&, const runtime::CreateVmRequest&,
                                        const runtime::CallOptions&) override {
        return none();
    }
    Result<runtime::VmRecord> get_vm(const Id&, const std::string&,
                                     const runtime::CallOptions&) override {
        return none();
    }
    Result<std::vector<runtime::VmRecord>> list_vms(const Id&, const runtime::Tags&,
                                                    const runtime::CallOptions&) override {
        return none();
    }
    Result<void> delete_vm(const Id&, const std::string&, const runtime::CallOptions&) override {
        return none();
    }
    Result<void> validate_provider_config(const model::ProviderConfig&,
                                          const std::string&) override {
        return none();
    }
    model::ProviderConfig redacted(const model::ProviderConfig& config) override { return config; }
    void invalidate(const Id&) override {}

private:
    static Error none() { return Error{ErrorCode::unavailable, "no providers in this benchmark", ""}; }
};

}  // namespace tidepool::bench
