#include "instance_view.h"

namespace tidepool::aws {

std::string text(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) return "";
    auto it = object.FindMember(name);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

int32_t vm_state(const std::string& s) {
    if (s == "pending") return TP_VM_STATE_PENDING;
    if (s == "running") return TP_VM_STATE_RUNNING;
    if (s == "stopping") return TP_VM_STATE_STOPPING;
    if (s == "stopped") return TP_VM_STATE_STOPPED;
    if (s == "shutting-down") return TP_VM_STATE_DELETING;
    if (s == "terminated") return TP_VM_STATE_GONE;
    return TP_VM_STATE_UNKNOWN;
}

sdk::VmRecord to_vm_record(const rapidjson::Value& instance) {
    sdk::VmRecord vm;
    std::string state;
    if (instance.HasMember("State")) state = text(instance["State"], "Name");
    vm.state = vm_state(state);
    vm.provider_id = text(instance, "InstanceId");
    vm.private_ip = text(instance, "PrivateIpAddress");
    vm.public_ip = text(instance, "PublicIpAddress");
    vm.hostname = text(instance, "PrivateDnsName");
    auto tags = instance.FindMember("Tags");
    if (tags != instance.MemberEnd() && tags->value.IsArray()) {
        for (const auto& tag : tags->value.GetArray()) {
            vm.tags.emplace_back(text(tag, "Key"), text(tag, "Value"));
            if (vm.tags.back().first == "Name") vm.name = vm.tags.back().second;
        }
    }
    auto launched = instance.FindMember("LaunchTime");
    if (launched != instance.MemberEnd() && launched->value.IsNumber()) {
        vm.created_unix_ms = static_cast<int64_t>(launched->value.GetDouble() * 1000);
    }
    vm.detail = state;
    if (instance.HasMember("StateReason")) {
        std::string reason = text(instance["StateReason"], "Message");
        if (!reason.empty()) vm.detail += ": " + reason;
    }
    return vm;
}

}  // namespace tidepool::aws
