// ProviderGateway over the plugin registry: opens one client per provider config (reopened
// when the config changes or the plugin is reloaded) and maps between the runtime's values and
// the plugin API's. Safe from the runtime's worker threads; the registry serialises calls per
// client as the ABI promises plugins.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "plugins/registry.h"
#include "runtime/provider_gateway.h"
#include "secrets/sealer.h"
#include "store/store.h"

namespace tidepool::providers {

class PluginGateway : public runtime::ProviderGateway {
public:
    // Without a sealer, secret members are stored as given (tests that need no encryption).
    PluginGateway(plugins::PluginRegistry& registry, store::Store& store,
                  std::shared_ptr<const secrets::Sealer> sealer = nullptr);

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
    // Machine credentials and DNS records (plugin_gateway_extras.cpp).
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
    // Drops every client (after a plugin reload, so new calls use the new versions).
    void invalidate_all();

private:
    struct Entry {
        std::string plugin_id;
        std::string config_json;
        std::shared_ptr<plugins::VmClient> client;
    };
    Result<std::shared_ptr<plugins::VmClient>> client_for(const model::Id& provider_config_id);
    struct DnsEntry {
        std::string plugin_id;
        std::string config_json;
        std::shared_ptr<plugins::DnsClient> client;
    };
    Result<std::shared_ptr<plugins::DnsClient>> dns_client_for(const model::Id& dns_provider_id);

    plugins::PluginRegistry& registry_;
    store::Store& store_;
    std::shared_ptr<const secrets::Sealer> sealer_;
    std::mutex mu_;
    std::map<model::Id, Entry> clients_;
    std::map<model::Id, DnsEntry> dns_clients_;
};

}  // namespace tidepool::providers
