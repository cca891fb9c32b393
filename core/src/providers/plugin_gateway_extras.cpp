// The PluginGateway's less common calls: provider-generated machine credentials and DNS
// records, each over its own plugin interface (tidepool.dns_provider/1 for DNS).
#include "providers/plugin_gateway.h"

#include "providers/config_secrets.h"

namespace tidepool::providers {

namespace {

plugins::CallOptions call_of(const runtime::CallOptions& call) {
    plugins::CallOptions o;
    o.request_id = call.request_id;
    o.deadline_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             call.deadline.time_since_epoch())
                             .count();
    return o;
}

plugins::DnsRecord record_of(const runtime::DnsRecord& r) {
    plugins::DnsRecord out;
    out.name = r.name;
    out.type = r.type;
    out.value = r.value;
    out.ttl_s = static_cast<uint32_t>(r.ttl_s);
    return out;
}

}  // namespace

Result<std::vector<runtime::MachineSecret>> PluginGateway::get_credentials(
    const model::Id& provider_config_id, const std::string& provider_id,
    const runtime::CallOptions& call) {
    auto client = client_for(provider_config_id);
    if (!client.ok()) return client.error();
    auto creds = client.value()->get_credentials(provider_id, call_of(call));
    if (!creds.ok()) return creds.error();
    std::vector<runtime::MachineSecret> out;
    for (auto& c : creds.value()) out.push_back({c.kind, c.username, std::move(c.secret)});
    return out;
}

Result<std::shared_ptr<plugins::DnsClient>> PluginGateway::dns_client_for(const model::Id& id) {
    auto config = store_.get_provider_config(id);
    if (!config.ok()) return config.error();
    if (config->kind != model::ProviderKind::dns) {
        return make_error(ErrorCode::invalid, "provider config \"" + id + "\" is not of kind dns");
    }
    std::lock_guard lock(mu_);
    auto& entry = dns_clients_[id];
    if (entry.client && entry.plugin_id == config->plugin_id &&
        entry.config_json == config->config_json)
        return entry.client;
    // As for VM clients: stored secrets are unsealed only on their way into open().
    auto clear = sealer_ ? unseal_secret_members(config->config_json, *sealer_, id)
                         : Result<std::string>(config->config_json);
    if (!clear.ok()) return clear.error();
    auto opened = registry_.open_dns(config->plugin_id, clear.value());
    if (!opened.ok()) {
        auto e = opened.error();
        e.message = "dns provider config \"" + id + "\" (plugin " + config->plugin_id + "): " +
                    e.message;
        return e;
    }
    entry = DnsEntry{config->plugin_id, config->config_json, std::move(opened.value())};
    return entry.client;
}

Result<void> PluginGateway::upsert_dns(const model::Id& dns_provider_id,
                                       const runtime::DnsRecord& record,
                                       const runtime::CallOptions& call) {
    auto client = dns_client_for(dns_provider_id);
    if (!client.ok()) return client.error();
    return client.value()->upsert_record(record_of(record), call_of(call));
}

Result<void> PluginGateway::delete_dns(const model::Id& dns_provider_id,
                                       const runtime::DnsRecord& record,
                                       const runtime::CallOptions& call) {
    auto client = dns_client_for(dns_provider_id);
    if (!client.ok()) return client.error();
    return client.value()->delete_record(record_of(record), call_of(call));
}

}  // namespace tidepool::providers
