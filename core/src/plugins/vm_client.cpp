#include "plugins/vm_client.h"

#include <fmt/format.h>

#include "plugins/status.h"
#include "plugins/vm_sinks.h"

namespace tidepool::plugins {

namespace {

// Runs one call under the client's lock with a fresh context and error record.
template <class Fn>
Result<void> invoke(std::mutex& mutex, const std::string& operation, const CallOptions& options,
                    Fn&& fn) {
    std::lock_guard lock(mutex);
    CallContext ctx(options);
    tp_error err = fresh_error();
    int32_t status = fn(ctx.get(), &err);
    if (status != TP_OK) return error_from_call(operation, status, err, options.report);
    return {};
}

Result<void> check_collected(const std::string& operation, const std::string& problem) {
    if (problem.empty()) return {};
    return make_error(ErrorCode::internal, fmt::format("{}: {}", operation, problem));
}

Result<VmInfo> exactly_one(const std::string& operation, VmCollector& c) {
    if (auto ok = check_collected(operation, c.problem); !ok) return ok.error();
    if (c.vms.empty()) {
        return make_error(ErrorCode::internal,
                          fmt::format("{}: the plugin reported success but no VM", operation));
    }
    return std::move(c.vms.front());
}

}  // namespace

Result<std::unique_ptr<VmClient>> VmClient::open(std::shared_ptr<LoadedPlugin> plugin,
                                                 std::string_view config_json) {
    if (!plugin || !plugin->vm()) {
        return make_error(ErrorCode::invalid,
                          fmt::format("plugin {} offers no {}",
                                      plugin ? plugin->info().id : "(none)", TP_VM_PROVIDER_ID));
    }
    tp_error err = fresh_error();
    tp_vm_client handle = nullptr;
    int32_t status =
        plugin->vm()->open(tp_str{config_json.data(), config_json.size()}, &handle, &err);
    if (status != TP_OK) {
        return error_from_call(plugin->info().id + " open", status, err, nullptr);
    }
    return std::unique_ptr<VmClient>(new VmClient(std::move(plugin), handle));
}

VmClient::VmClient(std::shared_ptr<LoadedPlugin> plugin, tp_vm_client handle)
    : plugin_(std::move(plugin)), table_(plugin_->vm()), handle_(handle) {}

VmClient::~VmClient() {
    std::lock_guard lock(mutex_);
    table_->close(handle_);
}

Result<VmInfo> VmClient::create_vm(const VmSpec& spec, const CallOptions& options) {
    std::vector<tp_kv> tags;
    tp_vm_spec s{sizeof(tp_vm_spec),
                 0,
                 to_tp(spec.name),
                 to_tp(spec.idempotency_key),
                 to_kv_list(spec.tags, tags),
                 to_tp(spec.startup_script),
                 to_tp(spec.os_family)};
    VmCollector c;
    tp_vm_sink sink = c.sink();
    std::string op = plugin().id + " create_vm " + spec.name;
    auto ok = invoke(mutex_, op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->create_vm(handle_, call, &s, &sink, err);
    });
    if (!ok) return ok.error();
    return exactly_one(op, c);
}

Result<VmInfo> VmClient::get_vm(std::string_view provider_id, const CallOptions& options) {
    VmCollector c;
    tp_vm_sink sink = c.sink();
    std::string op = fmt::format("{} get_vm {}", plugin().id, provider_id);
    auto ok = invoke(mutex_, op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->get_vm(handle_, call, tp_str{provider_id.data(), provider_id.size()}, &sink,
                              err);
    });
    if (!ok) return ok.error();
    return exactly_one(op, c);
}

Result<std::vector<VmInfo>> VmClient::list_vms(const Tags& filter, const CallOptions& options) {
    std::vector<tp_kv> storage;
    tp_kv_list list = to_kv_list(filter, storage);
    VmCollector c;
    tp_vm_sink sink = c.sink();
    std::string op = plugin().id + " list_vms";
    auto ok = invoke(mutex_, op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->list_vms(handle_, call, list, &sink, err);
    });
    if (!ok) return ok.error();
    if (auto fine = check_collected(op, c.problem); !fine) return fine.error();
    return std::move(c.vms);
}

Result<void> VmClient::delete_vm(std::string_view provider_id, const CallOptions& options) {
    std::string op = fmt::format("{} delete_vm {}", plugin().id, provider_id);
    return invoke(mutex_, op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->delete_vm(handle_, call, tp_str{provider_id.data(), provider_id.size()},
                                 err);
    });
}

Result<std::vector<Credential>> VmClient::get_credentials(std::string_view provider_id,
                                                          const CallOptions& options) {
    std::string op = fmt::format("{} get_credentials {}", plugin().id, provider_id);
    if (!(table_->capabilities & TP_VM_CAP_CREDENTIALS) || !table_->get_credentials) {
        return make_error(ErrorCode::invalid, op + ": the plugin does not provide credentials");
    }
    CredentialCollector c;
    tp_credentials_sink sink = c.sink();
    auto ok = invoke(mutex_, op, options, [&](const tp_call_ctx* call, tp_error* err) {
        return table_->get_credentials(handle_, call,
                                       tp_str{provider_id.data(), provider_id.size()}, &sink, err);
    });
    if (!ok) return ok.error();
    if (auto fine = check_collected(op, c.problem); !fine) return fine.error();
    return std::move(c.credentials);
}

}  // namespace tidepool::plugins
