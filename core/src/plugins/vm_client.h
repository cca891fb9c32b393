// The core's side of "tidepool.vm_provider/1": one open client of one plugin, with C++ values
// in and out. The sinks copy everything before returning, so nothing the plugin lent survives
// the call. Calls on one client are serialised here, as the ABI promises plugins.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tidepool/result.h>
#include <tidepool/vm_provider.h>

#include "plugins/call_context.h"
#include "plugins/loaded_plugin.h"

namespace tidepool::plugins {

using Tags = std::vector<std::pair<std::string, std::string>>;

struct VmSpec {
    std::string name;  // core-generated, unique
    std::string idempotency_key;
    Tags tags;
    std::string startup_script;
    std::string os_family = "linux";
};

struct VmInfo {
    int32_t state = TP_VM_STATE_UNKNOWN;  // TP_VM_STATE_*
    std::string provider_id;
    std::string name;
    std::string private_ip;
    std::string public_ip;
    std::string hostname;
    Tags tags;
    int64_t created_unix_ms = 0;
    std::string detail;
};

struct Credential {
    std::string kind;  // e.g. "password"
    std::string username;
    std::string secret;  // seal at once; never log
};

class VmClient {
public:
    // Opens a client on a config that already passed the plugin's schema.
    static Result<std::unique_ptr<VmClient>> open(std::shared_ptr<LoadedPlugin> plugin,
                                                  std::string_view config_json);
    // Closes the plugin's client; the plugin stays loaded while other clients hold it.
    ~VmClient();
    VmClient(const VmClient&) = delete;
    VmClient& operator=(const VmClient&) = delete;

    Result<VmInfo> create_vm(const VmSpec& spec, const CallOptions& options = {});
    Result<VmInfo> get_vm(std::string_view provider_id, const CallOptions& options = {});
    Result<std::vector<VmInfo>> list_vms(const Tags& filter, const CallOptions& options = {});
    Result<void> delete_vm(std::string_view provider_id, const CallOptions& options = {});
    // Error{invalid} when the plugin lacks TP_VM_CAP_CREDENTIALS.
    Result<std::vector<Credential>> get_credentials(std::string_view provider_id,
                                                    const CallOptions& options = {});

    const PluginInfo& plugin() const { return plugin_->info(); }
    uint64_t capabilities() const { return table_->capabilities; }

private:
    VmClient(std::shared_ptr<LoadedPlugin> plugin, tp_vm_client handle);

    std::shared_ptr<LoadedPlugin> plugin_;  // keeps the code alive while this client exists
    const tp_vm_provider* table_;
    tp_vm_client handle_;
    std::mutex mutex_;  // the [serialised] promise: one call at a time on handle_
};

}  // namespace tidepool::plugins
