#include "proxmox_client.h"

#include <charconv>

#include "guest_agent.h"
#include "tasks.h"
#include "vm_description.h"

namespace tidepool::proxmox {

namespace {

std::string string_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

int32_t state_of(const PveVm& vm) {
    if (vm.lock == "destroyed") return TP_VM_STATE_DELETING;
    if (!vm.lock.empty()) return TP_VM_STATE_PENDING;  // clone, create, ...
    // Unlocked without the ready tag: a create stopped between the clone and the end of the
    // startup script, and no call is finishing it (the core never lists a machine whose create
    // is in flight). FAILED makes the core replace it; a retried create would resume it.
    if (!has_pve_tag(vm.tags, kReadyTag)) return TP_VM_STATE_FAILED;
    if (vm.status == "running") return TP_VM_STATE_RUNNING;
    if (vm.status == "stopped") return TP_VM_STATE_STOPPED;
    return TP_VM_STATE_UNKNOWN;
}

}  // namespace

std::optional<int64_t> parse_vmid(std::string_view provider_id) {
    int64_t vmid = 0;
    auto [end, ec] =
        std::from_chars(provider_id.data(), provider_id.data() + provider_id.size(), vmid);
    if (ec != std::errc() || end != provider_id.data() + provider_id.size() || vmid < 100) {
        return std::nullopt;
    }
    return vmid;
}

std::unique_ptr<ProxmoxClient> ProxmoxClient::open(std::string_view config_json) {
    if (!sdk::host().has_http()) {
        throw sdk::ProviderError(TP_ERR_INTERNAL, "the host offers no HTTP service");
    }
    return std::make_unique<ProxmoxClient>(ProxmoxConfig::parse(config_json));
}

ProxmoxClient::ProxmoxClient(ProxmoxConfig config)
    : config_(std::move(config)), api_(config_), range_{config_.vmid_lower, config_.vmid_upper} {}

void ProxmoxClient::get(const sdk::Call& call, std::string_view provider_id,
                        const sdk::VmSink& sink) {
    std::optional<int64_t> vmid = parse_vmid(provider_id);
    const std::vector<PveVm> vms = list_cluster_vms(api_, call);
    const PveVm* vm = vmid ? find_vmid(vms, *vmid) : nullptr;
    if (!vm || vm->is_template) {
        throw sdk::ProviderError(TP_ERR_NOT_FOUND,
                                 "no VM with VMID " + std::string(provider_id) + " in the cluster");
    }
    sink(describe(call, *vm, true));
}

void ProxmoxClient::list(const sdk::Call& call, const sdk::KeyValues& filter,
                         const sdk::VmSink& sink) {
    for (const PveVm& vm : list_cluster_vms(api_, call)) {
        if (!is_ours(vm)) continue;
        sdk::VmRecord record;
        try {
            record = describe(call, vm, false);
        } catch (const sdk::ProviderError&) {
            // Proxmox answers 500 for the config of a VM destroyed since the listing; skip it
            // only if it is really gone, or a transient failure would hide a live VM.
            if (!find_vmid(list_cluster_vms(api_, call), vm.vmid)) continue;
            throw;
        }
        if (sdk::matches_all(record.tags, filter)) sink(record);
    }
}

void ProxmoxClient::remove(const sdk::Call& call, std::string_view provider_id) {
    std::optional<int64_t> vmid = parse_vmid(provider_id);
    if (!vmid) {
        throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                 "\"" + std::string(provider_id) + "\" is not a Proxmox VMID");
    }
    const std::vector<PveVm> vms = list_cluster_vms(api_, call);
    const PveVm* vm = find_vmid(vms, *vmid);
    if (!vm) return;  // already gone
    // A provider id is only a number: never let a wrong one destroy someone else's VM.
    if (vm->is_template || !is_ours(*vm)) {
        throw sdk::ProviderError(
            TP_ERR_DENIED, "VM " + std::to_string(vm->vmid) + " (" + vm->name +
                               ") was not created by this config: it is outside VMIDs " +
                               std::to_string(range_.lower) + ".." + std::to_string(range_.upper) +
                               " and not tagged \"" + kMarkerTag + "\"; refusing to destroy it");
    }
    destroy(call, *vm);
}

// Ours: tagged by Tidepool, or inside this config's range (a clone whose tags were not set
// yet when a crash interrupted the create).
bool ProxmoxClient::is_ours(const PveVm& vm) const {
    return !vm.is_template && (has_pve_tag(vm.tags, kMarkerTag) || range_.contains(vm.vmid));
}

PveVm ProxmoxClient::refreshed(const sdk::Call& call, int64_t vmid) const {
    const std::vector<PveVm> vms = list_cluster_vms(api_, call);
    const PveVm* vm = find_vmid(vms, vmid);
    if (!vm) {
        throw sdk::ProviderError(TP_ERR_NOT_FOUND,
                                 "VM " + std::to_string(vmid) + " disappeared from the cluster");
    }
    return *vm;
}

// A clone or migration holds a lock; configuration changes fail until it is released.
PveVm ProxmoxClient::wait_unlocked(const sdk::Call& call, PveVm vm) const {
    while (!vm.lock.empty() && vm.lock != "destroyed") {
        sdk::host().sleep_ms(config_.poll_interval_ms, call);
        vm = refreshed(call, vm.vmid);
    }
    return vm;
}

sdk::VmRecord ProxmoxClient::describe(const sdk::Call& call, const PveVm& vm,
                                      bool with_address) const {
    ApiAnswer config = api_.expect(call, "GET", vm_path(vm.node, vm.vmid, "/config"));
    const rapidjson::Value& data = config.data();
    sdk::VmRecord record;
    record.state = state_of(vm);
    record.provider_id = std::to_string(vm.vmid);
    record.name = vm.name;
    record.hostname = vm.name;
    record.tags =
        data.IsObject() ? decode_description(string_member(data, "description")) : sdk::KeyValues{};
    record.detail = "node " + vm.node + ", " + (vm.status.empty() ? "unknown" : vm.status) +
                    (vm.lock.empty() ? "" : ", locked (" + vm.lock + ")") +
                    (record.state == TP_VM_STATE_FAILED ? ", create interrupted" : "");
    if (with_address && vm.status == "running") {
        record.private_ip = GuestAgent(api_, config_, vm.node, vm.vmid).first_ipv4(call);
    }
    return record;
}

void ProxmoxClient::destroy(const sdk::Call& call, const PveVm& found) {
    PveVm vm = wait_unlocked(call, found);
    const std::string name = "VM " + std::to_string(vm.vmid);
    if (vm.status == "running") {
        follow(call, api_.expect(call, "POST", vm_path(vm.node, vm.vmid, "/status/stop")),
               "stopping " + name);
    }
    ApiAnswer answer = api_.send(call, "DELETE", vm_path(vm.node, vm.vmid),
                                 {{"purge", "1"}, {"destroy-unreferenced-disks", "1"}});
    if (!answer.ok()) {
        // Proxmox answers 500 for a VM that vanished meanwhile: that is the goal reached.
        auto vms = list_cluster_vms(api_, call);
        if (!find_vmid(vms, vm.vmid)) return;
        throw classify_failure(answer, "DELETE " + vm_path(vm.node, vm.vmid));
    }
    follow(call, answer, "destroying " + name);
}

void ProxmoxClient::follow(const sdk::Call& call, const ApiAnswer& answer,
                           const std::string& what) const {
    TaskOutcome outcome =
        wait_for_task(api_, call, upid_of(answer, what), config_.poll_interval_ms);
    if (!outcome.ok) {
        throw sdk::ProviderError(TP_ERR_UNAVAILABLE, what + " failed: " + outcome.exit_status, "",
                                 "TaskFailed");
    }
}

}  // namespace tidepool::proxmox
