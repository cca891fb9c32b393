// ProxmoxClient::create and its steps. The VM's name is the core's unique name, so a retried
// create finds the VM an earlier attempt cloned and carries on from the first step not yet
// done: clone (with the tags in its description) -> configure -> start -> startup script ->
// "tidepool-ready" tag. A failure after the clone deletes the half-built VM.
#include <regex>

#include "guest_agent.h"
#include "proxmox_client.h"
#include "tasks.h"
#include "vm_description.h"

namespace tidepool::proxmox {

namespace {

// Proxmox VM names must be DNS names; the core's unique names are.
void check_spec(const sdk::VmSpec& spec) {
    static const std::regex kDnsName(
        R"(^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$)");
    if (!std::regex_match(spec.name, kDnsName)) {
        throw sdk::ProviderError(
            TP_ERR_INVALID_CONFIG,
            "VM name \"" + spec.name + "\" is not a DNS name, which Proxmox requires");
    }
    if (spec.startup_script.size() > kMaxScriptBytes) {
        throw sdk::ProviderError(
            TP_ERR_INVALID_CONFIG,
            "the rendered startup script is " + std::to_string(spec.startup_script.size()) +
                " bytes; the guest agent writes at most " + std::to_string(kMaxScriptBytes) +
                ": move the bulk into a file the script downloads");
    }
}

bool looks_like_full_storage(const std::string& text) {
    return text.find("space") != std::string::npos || text.find("quota") != std::string::npos;
}

}  // namespace

void ProxmoxClient::create(const sdk::Call& call, const sdk::VmSpec& spec,
                           const sdk::VmSink& sink) {
    check_spec(spec);
    const std::vector<PveVm> vms = list_cluster_vms(api_, call);
    PveVm vm;
    if (const PveVm* existing = find_named(vms, spec.name)) {
        if (!is_ours(*existing)) {
            throw sdk::ProviderError(TP_ERR_CONFLICT, "a VM named " + spec.name + " (VMID " +
                                                          std::to_string(existing->vmid) +
                                                          ") exists that Tidepool did not create");
        }
        vm = *existing;  // a retried create: resume where the earlier attempt stopped
    } else {
        check_max_instances(vms);
        vm = clone_into_free_vmid(call, spec, vms);
    }
    if (!has_pve_tag(vm.tags, kReadyTag)) finish(call, vm, spec);
    sink(describe(call, refreshed(call, vm.vmid), true));
}

const PveVm& ProxmoxClient::find_template(const std::vector<PveVm>& vms) const {
    const PveVm* elsewhere = nullptr;
    for (const auto& vm : vms) {
        if (!vm.is_template || vm.name != config_.template_name) continue;
        if (vm.node == config_.node) return vm;
        elsewhere = &vm;
    }
    if (elsewhere) {
        throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                 "template " + config_.template_name + " is on node " +
                                     elsewhere->node + ", not on node " + config_.node +
                                     ": set /node to the template's node",
                                 "/node");
    }
    throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                             "no VM template named \"" + config_.template_name +
                                 "\" in the cluster: check /template_name (it must be a " +
                                 "template, not a plain VM)",
                             "/template_name");
}

void ProxmoxClient::check_max_instances(const std::vector<PveVm>& vms) const {
    // Every VM this config creates lands in its range; marked VMs elsewhere belong to other
    // configs (or installations) and do not count against this one's limit.
    int64_t owned = 0;
    for (const auto& vm : vms) owned += !vm.is_template && range_.contains(vm.vmid) ? 1 : 0;
    if (owned >= config_.max_instances) {
        throw sdk::ProviderError(TP_ERR_CAPACITY,
                                 "max_instances reached: " + std::to_string(owned) +
                                     " VMs already belong to this config (limit " +
                                     std::to_string(config_.max_instances) + ")",
                                 "/max_instances", "MaxInstances");
    }
}

PveVm ProxmoxClient::clone_into_free_vmid(const sdk::Call& call, const sdk::VmSpec& spec,
                                          const std::vector<PveVm>& vms) {
    const PveVm tmpl = find_template(vms);
    std::set<int64_t> taken;
    for (const auto& vm : vms) taken.insert(vm.vmid);
    for (;;) {
        std::optional<int64_t> vmid = lowest_free_vmid(range_, taken);
        if (!vmid) {
            throw sdk::ProviderError(TP_ERR_CAPACITY,
                                     "every VMID from " + std::to_string(range_.lower) + " to " +
                                         std::to_string(range_.upper) +
                                         " is taken: widen /vmid_lower../vmid_upper",
                                     "/vmid_upper", "VmidRangeFull");
        }
        if (try_clone(call, spec, tmpl, *vmid) == CloneResult::cloned) {
            return refreshed(call, *vmid);
        }
        // Someone else took the ID between our listing and the clone: move to the next one.
        sdk::host().log(
            TP_LOG_INFO,
            "VMID " + std::to_string(*vmid) + " was taken meanwhile; trying the next free one",
            call);
        taken.insert(*vmid);
    }
}

ProxmoxClient::CloneResult ProxmoxClient::try_clone(const sdk::Call& call, const sdk::VmSpec& spec,
                                                    const PveVm& tmpl, int64_t vmid) {
    Params params = {{"newid", std::to_string(vmid)},
                     {"name", spec.name},
                     {"description", encode_description(spec.tags)},
                     {"full", config_.full_clone ? "1" : "0"}};
    if (!config_.target_node.empty()) params.emplace_back("target", config_.target_node);
    if (!config_.resource_pool.empty()) params.emplace_back("pool", config_.resource_pool);
    if (!config_.storage.empty()) params.emplace_back("storage", config_.storage);
    const std::string what = "POST " + vm_path(tmpl.node, tmpl.vmid, "/clone");
    ApiAnswer answer = api_.send(call, "POST", vm_path(tmpl.node, tmpl.vmid, "/clone"), params);
    if (!answer.ok()) {
        if (taken_by_other(call, vmid, spec.name)) return CloneResult::vmid_taken;
        throw classify_failure(answer, what);
    }
    TaskOutcome outcome =
        wait_for_task(api_, call, upid_of(answer, what), config_.poll_interval_ms);
    if (outcome.ok) return CloneResult::cloned;
    if (taken_by_other(call, vmid, spec.name)) return CloneResult::vmid_taken;
    auto vms = list_cluster_vms(api_, call);
    if (const PveVm* left = find_vmid(vms, vmid)) {
        destroy_half_built(call, *left, "its clone task failed");
    }
    throw sdk::ProviderError(
        looks_like_full_storage(outcome.exit_status) ? TP_ERR_CAPACITY : TP_ERR_UNAVAILABLE,
        "cloning template " + tmpl.name + " into VMID " + std::to_string(vmid) +
            " failed: " + outcome.exit_status,
        "", "CloneFailed");
}

bool ProxmoxClient::taken_by_other(const sdk::Call& call, int64_t vmid,
                                   const std::string& name) const {
    auto vms = list_cluster_vms(api_, call);
    const PveVm* vm = find_vmid(vms, vmid);
    return vm && vm->name != name;
}

void ProxmoxClient::finish(const sdk::Call& call, const PveVm& cloned, const sdk::VmSpec& spec) {
    PveVm vm = wait_unlocked(call, cloned);
    try {
        const std::string config = vm_path(vm.node, vm.vmid, "/config");
        api_.expect(call, "PUT", config,
                    {{"cores", std::to_string(config_.cores)},
                     {"memory", std::to_string(config_.memory_mib)},
                     {"agent", "1"},
                     {"description", encode_description(spec.tags)},
                     {"tags", kMarkerTag}});
        if (vm.status != "running") start(call, vm);
        if (!spec.startup_script.empty()) {
            GuestAgent agent(api_, config_, vm.node, vm.vmid);
            agent.wait_until_ready(call);
            agent.run_script(call, spec.name, spec.startup_script);
        }
        api_.expect(call, "PUT", config, {{"tags", join_pve_tags({kMarkerTag, kReadyTag})}});
    } catch (const sdk::ProviderError& e) {
        // A cancelled call, or one past its deadline, cannot make further requests; the VM
        // carries its tags (set at clone time), so the core's reconciler finds and deletes it.
        if (call.cancelled() ||
            (call.deadline_unix_ms() > 0 && sdk::host().now_ms() >= call.deadline_unix_ms())) {
            throw;
        }
        destroy_half_built(call, vm, e.what());
        throw;
    }
}

void ProxmoxClient::start(const sdk::Call& call, const PveVm& vm) {
    follow(call, api_.expect(call, "POST", vm_path(vm.node, vm.vmid, "/status/start")),
           "starting VM " + std::to_string(vm.vmid));
}

void ProxmoxClient::destroy_half_built(const sdk::Call& call, const PveVm& vm,
                                       const std::string& why) {
    sdk::host().log(TP_LOG_WARN,
                    "deleting half-built VM " + std::to_string(vm.vmid) + " because " + why, call);
    try {
        destroy(call, refreshed(call, vm.vmid));
    } catch (const std::exception& e) {
        // The original failure matters more; the reconciler deletes what is left by tag.
        sdk::host().log(TP_LOG_ERROR,
                        "could not delete VM " + std::to_string(vm.vmid) + ": " + e.what(), call);
    }
}

}  // namespace tidepool::proxmox
