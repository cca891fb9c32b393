// The pure half of inventory.h: reading a /cluster/resources answer and looking VMs up in it
// (also benchmarked by bench_proxmox).
#include "inventory.h"

namespace tidepool::proxmox {

namespace {

std::string string_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// Proxmox serialises booleans as 0/1 in most places and true/false in a few.
bool flag_member(const rapidjson::Value& v, const char* name) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd()) return false;
    if (it->value.IsBool()) return it->value.GetBool();
    return it->value.IsInt64() && it->value.GetInt64() != 0;
}

}  // namespace

std::vector<PveVm> parse_resources(const rapidjson::Value& data) {
    std::vector<PveVm> vms;
    if (!data.IsArray()) {
        throw sdk::ProviderError(TP_ERR_INTERNAL, "/cluster/resources answered without a list");
    }
    for (const auto& item : data.GetArray()) {
        if (!item.IsObject() || string_member(item, "type") != "qemu") continue;
        auto vmid = item.FindMember("vmid");
        if (vmid == item.MemberEnd() || !vmid->value.IsInt64()) continue;
        PveVm vm;
        vm.vmid = vmid->value.GetInt64();
        vm.name = string_member(item, "name");
        vm.node = string_member(item, "node");
        vm.status = string_member(item, "status");
        vm.lock = string_member(item, "lock");
        vm.tags = string_member(item, "tags");
        vm.is_template = flag_member(item, "template");
        vms.push_back(std::move(vm));
    }
    return vms;
}

const PveVm* find_vmid(const std::vector<PveVm>& vms, int64_t vmid) {
    for (const auto& vm : vms) {
        if (vm.vmid == vmid) return &vm;
    }
    return nullptr;
}

const PveVm* find_named(const std::vector<PveVm>& vms, const std::string& name) {
    for (const auto& vm : vms) {
        if (!vm.is_template && vm.name == name) return &vm;
    }
    return nullptr;
}

}  // namespace tidepool::proxmox
