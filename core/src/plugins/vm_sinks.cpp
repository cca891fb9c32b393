#include "plugins/vm_sinks.h"

#include <fmt/format.h>

#include "plugins/abi_checks.h"

namespace tidepool::plugins {

namespace {

std::string copy(tp_str s) {
    return s.ptr && s.len ? std::string(s.ptr, static_cast<size_t>(s.len)) : std::string();
}

// States a later minor may add mean nothing to this host yet.
int32_t known_state(int32_t state) {
    return state >= TP_VM_STATE_UNKNOWN && state <= TP_VM_STATE_FAILED ? state
                                                                       : TP_VM_STATE_UNKNOWN;
}

VmInfo copy_vm(const tp_vm_info& in) {
    return VmInfo{known_state(in.state), copy(in.provider_id), copy(in.name),
                  copy(in.private_ip),   copy(in.public_ip),   copy(in.hostname),
                  to_tags(in.tags),      in.created_unix_ms,   copy(in.detail)};
}

void on_vm(void* ctx, const tp_vm_info* vm) {
    auto* c = static_cast<VmCollector*>(ctx);
    try {
        if (!vm || vm->struct_size < kVmInfoSizeV1_0) {
            c->problem = fmt::format("plugin reported a tp_vm_info of {} bytes; ABI 1.0 needs {}",
                                     vm ? vm->struct_size : 0, kVmInfoSizeV1_0);
            return;
        }
        c->vms.push_back(copy_vm(*vm));
    } catch (const std::exception& e) {
        c->problem = e.what();
    }
}

void on_credential(void* ctx, tp_str kind, tp_str username, tp_str secret) {
    auto* c = static_cast<CredentialCollector*>(ctx);
    try {
        c->credentials.push_back(Credential{copy(kind), copy(username), copy(secret)});
    } catch (const std::exception& e) {
        c->problem = e.what();
    }
}

}  // namespace

tp_vm_sink VmCollector::sink() { return tp_vm_sink{this, &on_vm}; }

tp_credentials_sink CredentialCollector::sink() {
    return tp_credentials_sink{this, &on_credential};
}

Tags to_tags(const tp_kv_list& list) {
    Tags tags;
    for (uint64_t i = 0; list.items && i < list.count; ++i) {
        tags.emplace_back(copy(list.items[i].key), copy(list.items[i].value));
    }
    return tags;
}

tp_kv_list to_kv_list(const Tags& tags, std::vector<tp_kv>& storage) {
    storage.clear();
    for (const auto& [key, value] : tags) storage.push_back(tp_kv{to_tp(key), to_tp(value)});
    return tp_kv_list{storage.empty() ? nullptr : storage.data(), storage.size()};
}

tp_str to_tp(const std::string& s) { return tp_str{s.data(), s.size()}; }

}  // namespace tidepool::plugins
