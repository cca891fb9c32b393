// The runtime's view of VM providers: a small C++ interface the reconcile loop and the
// provisioner call, implemented over the plugin registry (plugin_gateway.cpp) and by fakes in
// tests. Calls block; the runtime makes them only on its worker pool, never on its strand.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/ids.h"
#include "model/objects.h"
#include "tidepool/cancel.h"
#include "tidepool/result.h"

namespace tidepool::runtime {

using Tags = std::map<std::string, std::string>;

enum class VmState { unknown, pending, running, stopping, stopped, deleting, gone, failed };

struct VmRecord {
    std::string provider_id;
    std::string name;
    VmState state = VmState::unknown;
    std::string private_ip, public_ip, hostname;
    Tags tags;
};

struct CreateVmRequest {
    std::string name;
    std::string idempotency_key;
    Tags tags;
    std::string startup_script;
    std::string os_family;
};

struct CallOptions {
    CallOptions() = default;
    // Callers that give no Cancellation get a fresh one nobody else can fire.
    CallOptions(std::string id, std::chrono::system_clock::time_point until,
                Cancellation cancellation = {})
        : request_id(std::move(id)), deadline(until), cancel(std::move(cancellation)) {}

    std::string request_id;
    // The call gives up (ErrorCode::timeout) after this; the epoch means no deadline. It
    // reaches the plugin as tp_call_ctx.deadline_unix_ms and bounds every retry and wait.
    std::chrono::system_clock::time_point deadline;
    // Cancelled when the caller gives up (the runtime stopping): a retry asleep in its backoff
    // wakes at once and the plugin sees is_cancelled(); the call ends ErrorCode::cancelled.
    Cancellation cancel;
};

// A credential a provider generated for a machine (an EC2 Windows password). The secret is in
// clear only between the provider call and sealing: never log it.
struct MachineSecret {
    std::string kind;  // "password"
    std::string username;
    std::string secret;
};

struct DnsRecord {
    std::string name;  // fully qualified, no trailing dot
    std::string type = "A";
    std::string value;
    int ttl_s = 60;
};

class ProviderGateway {
public:
    virtual ~ProviderGateway() = default;
    virtual Result<VmRecord> create_vm(const model::Id& provider_config_id,
                                       const CreateVmRequest& request,
                                       const CallOptions& call) = 0;
    virtual Result<VmRecord> get_vm(const model::Id& provider_config_id,
                                    const std::string& provider_id, const CallOptions& call) = 0;
    virtual Result<std::vector<VmRecord>> list_vms(const model::Id& provider_config_id,
                                                   const Tags& filter,
                                                   const CallOptions& call) = 0;
    // Idempotent: a VM that is already gone is success.
    virtual Result<void> delete_vm(const model::Id& provider_config_id,
                                   const std::string& provider_id, const CallOptions& call) = 0;
    // Provider-generated credentials for a machine. Providers without the capability answer
    // invalid (the default, so fakes and older gateways need not implement it).
    virtual Result<std::vector<MachineSecret>> get_credentials(const model::Id& provider_config_id,
                                                               const std::string& provider_id,
                                                               const CallOptions& call) {
        (void)provider_id, (void)call;
        return make_error(ErrorCode::invalid, "provider config " + provider_config_id +
                                                  " cannot report machine credentials");
    }
    // DNS records through a provider config of kind dns. Delete of a missing record succeeds.
    virtual Result<void> upsert_dns(const model::Id& dns_provider_id, const DnsRecord& record,
                                    const CallOptions& call) {
        (void)record, (void)call;
        return make_error(ErrorCode::invalid, "provider config " + dns_provider_id +
                                                  " cannot manage DNS records here");
    }
    virtual Result<void> delete_dns(const model::Id& dns_provider_id, const DnsRecord& record,
                                    const CallOptions& call) {
        (void)record, (void)call;
        return make_error(ErrorCode::invalid, "provider config " + dns_provider_id +
                                                  " cannot manage DNS records here");
    }
    // Checks a provider config against its plugin's JSON Schema; errors point below `pointer`
    // (e.g. "/provider_configs/0/config/region").
    virtual Result<void> validate_provider_config(const model::ProviderConfig& config,
                                                  const std::string& pointer) = 0;
    // Readies an operator-written provider config (from the API or a bundle) for the store:
    // secret members it omits or sends as "********" keep the stored config's values, the
    // result is validated like validate_provider_config, and its secret members are sealed
    // (providers/config_secrets.h). This default, for gateways without plugins, only validates.
    virtual Result<model::ProviderConfig> prepare_for_store(const model::ProviderConfig& config,
                                                            const std::string& pointer) {
        if (auto r = validate_provider_config(config, pointer); !r.ok()) return r.error();
        return config;
    }
    // The config with every member the plugin's schema marks secret replaced by "********",
    // for anything that leaves the core (API answers, logs).
    virtual model::ProviderConfig redacted(const model::ProviderConfig& config) = 0;
    // Forget any open client for this provider config (its settings changed or it was removed).
    virtual void invalidate(const model::Id& provider_config_id) = 0;
};

// Tag keys every machine Tidepool creates carries, so reconciliation can find it.
inline constexpr const char* kTagInstallation = "tidepool-installation";
inline constexpr const char* kTagConfig = "tidepool-config";
inline constexpr const char* kTagMachine = "tidepool-machine";

}  // namespace tidepool::runtime
