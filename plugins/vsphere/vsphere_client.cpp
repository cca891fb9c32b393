#include "vsphere_client.h"

#include <tidepool/svc/log.h>

#include "annotation_tags.h"
#include "guest_script.h"
#include "vim_requests.h"
#include "vim_responses.h"
#include "vm_records.h"

namespace tidepool::vsphere {

namespace {

using sdk::ProviderError;
using vim::MoRef;

MoRef vm_ref(std::string_view provider_id) {
    if (provider_id.empty()) throw ProviderError(TP_ERR_NOT_FOUND, "empty VM id");
    return MoRef{"VirtualMachine", std::string(provider_id)};
}

// Tags that scope max_instances: the installation and config ones, in either spelling.
bool scope_tag(const std::string& key) {
    return key == "tidepool-installation" || key == "tidepool-config" ||
           key == "tidepool:installation" || key == "tidepool:config";
}

// A full datastore during the clone: the planner spills over to the next config.
[[noreturn]] void rethrow_clone_error(const vim::VimError& e, const std::string& datastore) {
    const std::string& t = e.fault().type;
    if (t == "NoDiskSpace" || t == "InsufficientStorageSpace") {
        std::string ds = e.fault().datastore.empty() ? datastore : e.fault().datastore;
        throw ProviderError(TP_ERR_CAPACITY,
                            "datastore '" + ds + "' is out of space for the clone (" + t +
                                "); free space or point /datastore at another datastore",
                            "/datastore", t);
    }
    throw e;
}

}  // namespace

std::unique_ptr<VsphereClient> VsphereClient::open(std::string_view config_json) {
    if (!sdk::host().has_http()) {
        throw ProviderError(TP_ERR_INTERNAL, "the host offers no HTTP service");
    }
    return std::make_unique<VsphereClient>(VsphereConfig::parse(config_json));
}

VsphereClient::VsphereClient(VsphereConfig config)
    : config_(std::move(config)), session_(config_), inventory_(session_) {}

const Placement& VsphereClient::placement(const sdk::Call& call) {
    if (!placement_) placement_ = resolve_placement(inventory_, call, config_);
    return *placement_;
}

std::optional<vim::ObjectContent> VsphereClient::find_or_check_quota(const sdk::Call& call,
                                                                    const sdk::VmSpec& spec) {
    sdk::KeyValues scope;
    for (const auto& tag : spec.tags) {
        if (scope_tag(tag.first)) scope.push_back(tag);
    }
    int64_t owned = 0;
    // One listing answers both questions: a retried create finds its VM by the core's unique
    // name, and a new one counts the VMs this config already owns.
    for (auto& vm : inventory_.list(call, "VirtualMachine", vm_properties())) {
        if (vm.text("name") == spec.name) return std::move(vm);
        auto tags = decode_annotation(vm.text("config.annotation"));
        if (tags && sdk::matches_all(*tags, scope)) ++owned;
    }
    if (owned >= config_.max_instances) {
        throw ProviderError(TP_ERR_CAPACITY,
                            "max_instances reached: this config already owns " +
                                std::to_string(owned) + " of " +
                                std::to_string(config_.max_instances) + " VMs",
                            "/max_instances", "MaxInstances");
    }
    return std::nullopt;
}

MoRef VsphereClient::clone(const sdk::Call& call, const sdk::VmSpec& spec) {
    const Placement& p = placement(call);
    vim::CloneRequest request{p.template_vm, p.folder, spec.name, p.datastore, p.pool,
                              {encode_annotation(spec.tags), config_.cpus, config_.memory_mib()}};
    try {
        vim::TaskInfo info = inventory_.run_task(call, vim::clone_vm(request),
                                                 "cloning '" + spec.name + "'");
        if (info.result.empty()) throw ProviderError(TP_ERR_INTERNAL, "the clone returned no VM");
        return info.result;
    } catch (const vim::VimError& e) {
        // A template, folder or pool removed since it was resolved: look it up afresh next time.
        if (e.status() == TP_ERR_NOT_FOUND) placement_.reset();
        rethrow_clone_error(e, p.datastore_name);
    }
}

void VsphereClient::finish(const sdk::Call& call, const MoRef& vm, const sdk::VmSpec& spec,
                           bool powered_on) {
    if (!powered_on) {
        // Clones ignore CPU and memory in the clone spec (vcsim; real vCenter honours them, and
        // repeating them is harmless), and the annotation is re-applied for the same reason.
        vim::ConfigChange change{encode_annotation(spec.tags), config_.cpus, config_.memory_mib()};
        inventory_.run_task(call, vim::reconfig_vm(vm, change), "resizing " + vm.value);
        inventory_.run_task(call, vim::power_on_vm(vm), "powering on " + vm.value);
    }
    if (spec.startup_script.empty() || powered_on) return;
    if (config_.guest_username.empty()) {
        // Templates that start their agent themselves need no guest account; say so loudly,
        // since a pool's script is then ignored.
        sdk::host().log(TP_LOG_WARN, "no /guest_username configured: the startup script is not "
                        "run on " + vm.value + "; the template must start its agent itself", call);
        return;
    }
    run_startup_script(inventory_, call, config_, vm, spec.startup_script);
}

void VsphereClient::create(const sdk::Call& call, const sdk::VmSpec& spec,
                           const sdk::VmSink& sink) {
    auto existing = find_or_check_quota(call, spec);
    MoRef vm;
    bool powered_on = false;
    if (existing) {
        vm = existing->obj;
        powered_on = existing->text("runtime.powerState") == "poweredOn";
        sdk::host().log(TP_LOG_INFO, "create of " + spec.name + " resumes on " + vm.value, call);
    } else {
        vm = clone(call, spec);
    }
    try {
        finish(call, vm, spec, powered_on);
    } catch (const ProviderError& e) {
        if (e.status() == TP_ERR_CANCELLED || e.status() == TP_ERR_TIMEOUT) throw;
        // A half-built VM is deleted so nothing leaks; the error says why it failed.
        sdk::host().log(TP_LOG_WARN, "deleting half-built " + vm.value + ": " + e.what(), call);
        try {
            destroy(call, vm);
        } catch (const ProviderError& cleanup) {
            sdk::host().log(TP_LOG_ERROR, "could not delete " + vm.value + " (the reconciler "
                            "will find it by its tags): " + cleanup.what(), call);
        }
        throw;
    }
    sink.emit(vm_record(inventory_.properties(call, vm, vm_properties())));
}

void VsphereClient::get(const sdk::Call& call, std::string_view provider_id,
                        const sdk::VmSink& sink) {
    auto props = inventory_.properties(call, vm_ref(provider_id), vm_properties());
    sink.emit(vm_record(props));
}

void VsphereClient::list(const sdk::Call& call, const sdk::KeyValues& filter,
                         const sdk::VmSink& sink) {
    for (const auto& vm : inventory_.list(call, "VirtualMachine", vm_properties())) {
        if (vm.text("config.template") == "true") continue;
        auto tags = decode_annotation(vm.text("config.annotation"));
        if (tags && sdk::matches_all(*tags, filter)) sink.emit(vm_record(vm));
    }
}

void VsphereClient::destroy(const sdk::Call& call, const MoRef& vm) {
    try {
        auto props = inventory_.properties(call, vm, {"runtime.powerState"});
        if (props.text("runtime.powerState") != "poweredOff") {
            try {
                inventory_.run_task(call, vim::power_off_vm(vm), "powering off " + vm.value);
            } catch (const vim::VimError& e) {
                if (e.fault().type != "InvalidPowerState") throw;  // already off
            }
        }
        inventory_.run_task(call, vim::destroy(vm), "destroying " + vm.value);
    } catch (const vim::VimError& e) {
        if (e.status() != TP_ERR_NOT_FOUND) throw;  // already gone: deleting is idempotent
    }
}

void VsphereClient::remove(const sdk::Call& call, std::string_view provider_id) {
    MoRef vm = vm_ref(provider_id);
    try {
        auto props = inventory_.properties(call, vm, {"name", "config.annotation", "config.template"});
        // A mistyped or foreign id must never destroy someone else's VM or a template.
        if (props.text("config.template") == "true" ||
            !decode_annotation(props.text("config.annotation"))) {
            throw ProviderError(TP_ERR_DENIED, "refusing to delete " + vm.value + " ('" +
                                                   props.text("name") +
                                                   "'): it is not a VM Tidepool created");
        }
    } catch (const vim::VimError& e) {
        if (e.status() == TP_ERR_NOT_FOUND) return;  // already gone: deleting is idempotent
        throw;
    }
    destroy(call, vm);
}

}  // namespace tidepool::vsphere
