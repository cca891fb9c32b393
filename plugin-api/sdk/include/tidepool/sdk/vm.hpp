// VM values on the plugin side: the spec the host lends to create_vm, and VmRecord, a C++
// instance description that VmSink turns into a borrowed tp_vm_info for the host to copy.
#pragma once

#include <tidepool/vm_provider.h>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace tidepool::sdk {

// Owned copy of a tp_vm_spec: safe to keep after create_vm returns.
struct VmSpec {
    std::string name;
    std::string idempotency_key;
    KeyValues tags;
    std::string startup_script;
    std::string os_family;

    static VmSpec from(const tp_vm_spec* spec) {
        // Every 1.0 field is required; a shorter struct means a broken host.
        if (!spec || spec->struct_size < sizeof(tp_vm_spec)) {
            throw ProviderError(TP_ERR_INTERNAL, "host passed a short tp_vm_spec");
        }
        return VmSpec{to_string(spec->name), to_string(spec->idempotency_key),
                      to_key_values(spec->tags), to_string(spec->startup_script),
                      to_string(spec->os_family)};
    }
};

// One instance as the plugin describes it to the host.
struct VmRecord {
    int32_t state = TP_VM_STATE_UNKNOWN;
    std::string provider_id;
    std::string name;
    std::string private_ip;
    std::string public_ip;
    std::string hostname;
    KeyValues tags;
    int64_t created_unix_ms = 0;
    std::string detail;
};

// Wraps the host's tp_vm_sink; emit() lends a tp_vm_info that points into vm for the duration
// of the callback (the host copies before returning).
class VmSink {
public:
    explicit VmSink(const tp_vm_sink* sink) : sink_(sink) {}

    void emit(const VmRecord& vm) const {
        if (!sink_ || !sink_->on_vm) return;
        KvList tags(vm.tags);
        tp_vm_info info{};
        info.struct_size = sizeof info;
        info.state = vm.state;
        info.provider_id = to_tp(vm.provider_id);
        info.name = to_tp(vm.name);
        info.private_ip = to_tp(vm.private_ip);
        info.public_ip = to_tp(vm.public_ip);
        info.hostname = to_tp(vm.hostname);
        info.tags = tags.get();
        info.created_unix_ms = vm.created_unix_ms;
        info.detail = to_tp(vm.detail);
        sink_->on_vm(sink_->ctx, &info);
    }
    void operator()(const VmRecord& vm) const { emit(vm); }

private:
    const tp_vm_sink* sink_;
};

// Reports one credential to the host (which seals the secret at once).
class CredentialSink {
public:
    explicit CredentialSink(const tp_credentials_sink* sink) : sink_(sink) {}

    void emit(std::string_view kind, std::string_view username, std::string_view secret) const {
        if (sink_ && sink_->on_credential) {
            sink_->on_credential(sink_->ctx, to_tp(kind), to_tp(username), to_tp(secret));
        }
    }

private:
    const tp_credentials_sink* sink_;
};

// True when every filter pair is among tags (the list_vms contract).
inline bool matches_all(const KeyValues& tags, const KeyValues& filter) {
    for (const auto& wanted : filter) {
        bool found = false;
        for (const auto& tag : tags) found = found || tag == wanted;
        if (!found) return false;
    }
    return true;
}

}  // namespace tidepool::sdk
