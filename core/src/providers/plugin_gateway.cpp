#include "providers/plugin_gateway.h"

#include "providers/config_secrets.h"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tidepool::providers {
namespace {

runtime::VmState vm_state(int32_t s) {
    switch (s) {
        case TP_VM_STATE_PENDING: return runtime::VmState::pending;
        case TP_VM_STATE_RUNNING: return runtime::VmState::running;
        case TP_VM_STATE_STOPPING: return runtime::VmState::stopping;
        case TP_VM_STATE_STOPPED: return runtime::VmState::stopped;
        case TP_VM_STATE_DELETING: return runtime::VmState::deleting;
        case TP_VM_STATE_GONE: return runtime::VmState::gone;
        case TP_VM_STATE_FAILED: return runtime::VmState::failed;
        default: return runtime::VmState::unknown;
    }
}

runtime::VmRecord record_of(const plugins::VmInfo& vm) {
    runtime::VmRecord r;
    r.provider_id = vm.provider_id;
    r.name = vm.name;
    r.state = vm_state(vm.state);
    r.private_ip = vm.private_ip;
    r.public_ip = vm.public_ip;
    r.hostname = vm.hostname;
    for (const auto& [k, v] : vm.tags) r.tags[k] = v;
    return r;
}

plugins::Tags tags_of(const runtime::Tags& tags) { return {tags.begin(), tags.end()}; }

plugins::CallOptions call_of(const runtime::CallOptions& call) {
    plugins::CallOptions o;
    o.request_id = call.request_id;
    o.deadline_unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             call.deadline.time_since_epoch())
                             .count();
    o.cancel = call.cancel;
    return o;
}

}  // namespace

PluginGateway::PluginGateway(plugins::PluginRegistry& registry, store::Store& store,
                             std::shared_ptr<const secrets::Sealer> sealer)
    : registry_(registry), store_(store), sealer_(std::move(sealer)) {}

Result<std::shared_ptr<plugins::VmClient>> PluginGateway::client_for(const model::Id& id) {
    auto config = store_.get_provider_config(id);
    if (!config.ok()) return config.error();
    std::lock_guard lock(mu_);
    auto& entry = clients_[id];
    if (entry.client && entry.plugin_id == config->plugin_id &&
        entry.config_json == config->config_json)
        return entry.client;
    // The only place a stored secret is unsealed: on its way into the plugin's open().
    auto clear = sealer_ ? unseal_secret_members(config->config_json, *sealer_, id)
                         : Result<std::string>(config->config_json);
    if (!clear.ok()) return clear.error();
    auto opened = registry_.open_vm(config->plugin_id, clear.value());
    if (!opened.ok()) {
        auto e = opened.error();
        e.message = "provider config \"" + id + "\" (plugin " + config->plugin_id + "): " +
                    e.message;
        return e;
    }
    entry = Entry{config->plugin_id, config->config_json, std::move(opened.value())};
    return entry.client;
}

Result<runtime::VmRecord> PluginGateway::create_vm(const model::Id& provider_config_id,
                                                   const runtime::CreateVmRequest& request,
                                                   const runtime::CallOptions& call) {
    auto client = client_for(provider_config_id);
    if (!client.ok()) return client.error();
    plugins::VmSpec spec{request.name, request.idempotency_key, tags_of(request.tags),
                         request.startup_script, request.os_family};
    auto vm = client.value()->create_vm(spec, call_of(call));
    if (!vm.ok()) return vm.error();
    return record_of(vm.value());
}

Result<runtime::VmRecord> PluginGateway::get_vm(const model::Id& provider_config_id,
                                                const std::string& provider_id,
                                                const runtime::CallOptions& call) {
    auto client = client_for(provider_config_id);
    if (!client.ok()) return client.error();
    auto vm = client.value()->get_vm(provider_id, call_of(call));
    if (!vm.ok()) return vm.error();
    return record_of(vm.value());
}

Result<std::vector<runtime::VmRecord>> PluginGateway::list_vms(
    const model::Id& provider_config_id, const runtime::Tags& filter,
    const runtime::CallOptions& call) {
    auto client = client_for(provider_config_id);
    if (!client.ok()) return client.error();
    auto vms = client.value()->list_vms(tags_of(filter), call_of(call));
    if (!vms.ok()) return vms.error();
    std::vector<runtime::VmRecord> out;
    for (const auto& vm : vms.value()) out.push_back(record_of(vm));
    return out;
}

Result<void> PluginGateway::delete_vm(const model::Id& provider_config_id,
                                      const std::string& provider_id,
                                      const runtime::CallOptions& call) {
    auto client = client_for(provider_config_id);
    if (!client.ok()) return client.error();
    return client.value()->delete_vm(provider_id, call_of(call));
}

Result<void> PluginGateway::validate_provider_config(const model::ProviderConfig& config,
                                                     const std::string& pointer) {
    auto kind = config.kind == model::ProviderKind::vm ? plugins::InterfaceKind::vm
                                                       : plugins::InterfaceKind::dns;
    auto r = registry_.validate_config(config.plugin_id, kind, config.config_json);
    if (r.ok()) return r;
    auto e = r.error();
    // A missing plugin points at plugin_id; a schema failure points into the config.
    e.field = e.field.empty() ? pointer + "/plugin_id" : pointer + "/config" + e.field;
    return e;
}

Result<model::ProviderConfig> PluginGateway::prepare_for_store(const model::ProviderConfig& config,
                                                               const std::string& pointer) {
    auto kind = config.kind == model::ProviderKind::vm ? plugins::InterfaceKind::vm
                                                       : plugins::InterfaceKind::dns;
    auto secrets = registry_.secret_fields(config.plugin_id, kind);
    if (!secrets.ok() || !sealer_) {
        // No plugin: validation names plugin_id. No sealer: stored as given.
        if (auto r = validate_provider_config(config, pointer); !r.ok()) return r.error();
        return config;
    }
    std::optional<std::string> stored;
    auto old = store_.get_provider_config(config.id);
    if (old.ok() && old->plugin_id == config.plugin_id) stored = old->config_json;
    model::ProviderConfig out = config;
    auto merged = keep_stored_secrets(config.config_json, stored, secrets.value(), *sealer_,
                                      config.id);
    if (!merged.ok()) return merged.error();
    out.config_json = merged.value();
    if (auto r = validate_provider_config(out, pointer); !r.ok()) return r.error();
    auto sealed = seal_secret_members(out.config_json, secrets.value(), *sealer_, config.id);
    if (!sealed.ok()) return sealed.error();
    out.config_json = sealed.value();
    return out;
}

model::ProviderConfig PluginGateway::redacted(const model::ProviderConfig& config) {
    auto kind = config.kind == model::ProviderKind::vm ? plugins::InterfaceKind::vm
                                                       : plugins::InterfaceKind::dns;
    auto secrets = registry_.secret_fields(config.plugin_id, kind);
    rapidjson::Document doc;
    doc.Parse(config.config_json.c_str());
    if (doc.HasParseError()) return config;
    // Without the plugin we cannot tell secrets apart: return nothing of the config rather
    // than risk returning one.
    if (!secrets.ok()) doc.SetObject();
    else
        for (const auto& pointer : secrets.value())
            if (auto* v = rapidjson::Pointer(pointer.c_str()).Get(doc); v)
                v->SetString("********", doc.GetAllocator());
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    doc.Accept(w);
    model::ProviderConfig out = config;
    out.config_json = b.GetString();
    return out;
}

void PluginGateway::invalidate(const model::Id& provider_config_id) {
    std::lock_guard lock(mu_);
    clients_.erase(provider_config_id);
    dns_clients_.erase(provider_config_id);
}

void PluginGateway::invalidate_all() {
    std::lock_guard lock(mu_);
    clients_.clear();
    dns_clients_.clear();
}

}  // namespace tidepool::providers
