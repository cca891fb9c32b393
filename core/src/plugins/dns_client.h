// The core's side of "tidepool.dns_provider/1": one open client of one plugin, C++ values in
// and out, calls serialised per client like VmClient.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <tidepool/dns_provider.h>
#include <tidepool/result.h>

#include "plugins/call_context.h"
#include "plugins/loaded_plugin.h"

namespace tidepool::plugins {

struct DnsRecord {
    std::string name;  // fully qualified, no trailing dot
    std::string type;  // "A", "AAAA" or "CNAME"
    std::string value;
    uint32_t ttl_s = 300;
};

class DnsClient {
public:
    // Opens a client on a config that already passed the plugin's DNS schema.
    static Result<std::unique_ptr<DnsClient>> open(std::shared_ptr<LoadedPlugin> plugin,
                                                   std::string_view config_json);
    ~DnsClient();
    DnsClient(const DnsClient&) = delete;
    DnsClient& operator=(const DnsClient&) = delete;

    Result<void> upsert_record(const DnsRecord& record, const CallOptions& options = {});
    Result<void> delete_record(const DnsRecord& record, const CallOptions& options = {});
    Result<std::vector<DnsRecord>> list_records(std::string_view name_suffix,
                                                const CallOptions& options = {});

    const PluginInfo& plugin() const { return plugin_->info(); }

private:
    DnsClient(std::shared_ptr<LoadedPlugin> plugin, tp_dns_client handle);
    template <class Fn>
    Result<void> invoke(const std::string& operation, const CallOptions& options, Fn&& fn);

    std::shared_ptr<LoadedPlugin> plugin_;
    const tp_dns_provider* table_;
    tp_dns_client handle_;
    std::mutex mutex_;
};

}  // namespace tidepool::plugins
