#include "run_request.h"

#include <tidepool/sdk/aws/codec.h>
#include <tidepool/sdk/aws/model.h>
#include <tidepool/sdk/error.hpp>

#include "ec2_api.h"

namespace tidepool::aws {

namespace {

using Allocator = rapidjson::Document::AllocatorType;
using sdk::ProviderError;

constexpr const char* kOverridePointer = "/config_override/instance_config";
// Members that carry Tidepool's own guarantees (one instance per call, idempotency, the tags
// reconciliation finds machines by): an override may not replace them.
constexpr const char* kManaged[] = {"MinCount", "MaxCount", "ClientToken", "TagSpecifications"};

rapidjson::Value str(const std::string& s, Allocator& a) { return rapidjson::Value(s.c_str(), a); }

rapidjson::Value tag_list(const sdk::KeyValues& tags, Allocator& a) {
    rapidjson::Value list(rapidjson::kArrayType);
    for (const auto& [key, value] : tags) {
        rapidjson::Value tag(rapidjson::kObjectType);
        tag.AddMember("Key", str(key, a), a).AddMember("Value", str(value, a), a);
        list.PushBack(tag, a);
    }
    return list;
}

sdk::KeyValues all_tags(const Ec2Config& config, const sdk::VmSpec& spec) {
    sdk::KeyValues tags = spec.tags;
    bool named = false;
    for (const auto& [key, value] : config.custom_tags) named = named || key == "Name";
    if (!named) tags.emplace_back("Name", spec.name);
    for (const auto& tag : config.custom_tags) tags.push_back(tag);
    return tags;
}

void add_storage(const Ec2Config& config, rapidjson::Document& p, Allocator& a) {
    if (config.root_volume_size_gb == 0 && config.root_volume_type.empty()) return;
    rapidjson::Value ebs(rapidjson::kObjectType);
    if (config.root_volume_size_gb > 0) ebs.AddMember("VolumeSize", config.root_volume_size_gb, a);
    if (!config.root_volume_type.empty()) {
        ebs.AddMember("VolumeType", str(config.root_volume_type, a), a);
    }
    ebs.AddMember("DeleteOnTermination", true, a);  // nothing left behind on scale-in
    rapidjson::Value mapping(rapidjson::kObjectType);
    mapping.AddMember("DeviceName", str(config.root_device_name, a), a).AddMember("Ebs", ebs, a);
    rapidjson::Value mappings(rapidjson::kArrayType);
    mappings.PushBack(mapping, a);
    p.AddMember("BlockDeviceMappings", mappings, a);
}

void add_optional(const Ec2Config& config, rapidjson::Document& p, Allocator& a) {
    if (!config.security_group_ids.empty()) {
        rapidjson::Value ids(rapidjson::kArrayType);
        for (const auto& id : config.security_group_ids) ids.PushBack(str(id, a), a);
        p.AddMember("SecurityGroupIds", ids, a);
    }
    if (!config.subnet_id.empty()) p.AddMember("SubnetId", str(config.subnet_id, a), a);
    if (!config.key_pair_name.empty()) p.AddMember("KeyName", str(config.key_pair_name, a), a);
    if (!config.iam_instance_profile.empty()) {
        rapidjson::Value profile(rapidjson::kObjectType);
        bool arn = config.iam_instance_profile.rfind("arn:", 0) == 0;
        profile.AddMember(rapidjson::StringRef(arn ? "Arn" : "Name"),
                          str(config.iam_instance_profile, a), a);
        p.AddMember("IamInstanceProfile", profile, a);
    }
    add_storage(config, p, a);
}

// Objects merge member by member (the override wins); anything else is replaced.
void merge(rapidjson::Value& into, const rapidjson::Value& from, Allocator& a) {
    for (const auto& m : from.GetObject()) {
        auto existing = into.FindMember(m.name);
        if (existing != into.MemberEnd() && existing->value.IsObject() && m.value.IsObject()) {
            merge(existing->value, m.value, a);
        } else if (existing != into.MemberEnd()) {
            existing->value.CopyFrom(m.value, a);
        } else {
            into.AddMember(rapidjson::Value(m.name, a), rapidjson::Value(m.value, a), a);
        }
    }
}

void apply_override(const Ec2Config& config, rapidjson::Document& p) {
    if (config.instance_config_json.empty()) return;
    rapidjson::Document override_doc;
    override_doc.Parse(config.instance_config_json.c_str());
    for (const char* managed : kManaged) {
        if (override_doc.HasMember(managed)) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                std::string("config field ") + kOverridePointer + "/" + managed +
                                    " is managed by Tidepool and may not be overridden",
                                std::string(kOverridePointer) + "/" + managed);
        }
    }
    merge(p, override_doc, p.GetAllocator());
}

}  // namespace

rapidjson::Document run_instances_params(const Ec2Config& config, const sdk::VmSpec& spec) {
    if (spec.startup_script.size() > kMaxUserDataBytes) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /startup_script renders to " +
                                std::to_string(spec.startup_script.size()) +
                                " bytes; EC2 user data is limited to 16384 bytes (16 KiB) before "
                                "base64: shorten the script or have it download the rest",
                            "/startup_script");
    }
    rapidjson::Document p(rapidjson::kObjectType);
    auto& a = p.GetAllocator();
    p.AddMember("ImageId", str(config.ami_id, a), a);
    p.AddMember("InstanceType", str(config.instance_type, a), a);
    p.AddMember("MinCount", 1, a).AddMember("MaxCount", 1, a);
    p.AddMember("ClientToken", str(spec.idempotency_key, a), a);
    add_optional(config, p, a);
    if (!spec.startup_script.empty()) {
        p.AddMember("UserData", str(sdk::aws::base64_encode(spec.startup_script), a), a);
    }
    rapidjson::Value specs(rapidjson::kArrayType);
    sdk::KeyValues tags = all_tags(config, spec);
    for (const char* resource : {"instance", "volume"}) {
        rapidjson::Value ts(rapidjson::kObjectType);
        ts.AddMember("ResourceType", rapidjson::StringRef(resource), a);
        ts.AddMember("Tags", tag_list(tags, a), a);
        specs.PushBack(ts, a);
    }
    p.AddMember("TagSpecifications", specs, a);
    apply_override(config, p);
    try {
        Ec2Api::body("RunInstances", p);
    } catch (const sdk::aws::ModelError& e) {
        std::string field = std::string(kOverridePointer) + e.path();
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field " + field + " does not fit EC2 RunInstances: " +
                                e.what(),
                            field);
    }
    return p;
}

void check_run_instances_config(const Ec2Config& config) {
    sdk::VmSpec placeholder;
    placeholder.name = "tidepool-config-check";
    placeholder.idempotency_key = "config-check";
    run_instances_params(config, placeholder);
}

}  // namespace tidepool::aws
