#include "ec2_client.h"

#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>

#include "instance_view.h"
#include "run_request.h"
#include "windows_password.h"

namespace tidepool::aws {

namespace {

using Allocator = rapidjson::Document::AllocatorType;
using sdk::ProviderError;

constexpr const char* kConfigTag = "tidepool-config";
constexpr int kPageSize = 100;
// EC2 makes the password available a few minutes after a Windows instance boots.
constexpr int64_t kPasswordRetryMs = 60000;

rapidjson::Value str(const std::string& s, Allocator& a) { return rapidjson::Value(s.c_str(), a); }

rapidjson::Value filter(const std::string& name, std::initializer_list<std::string> values,
                        Allocator& a) {
    rapidjson::Value f(rapidjson::kObjectType), list(rapidjson::kArrayType);
    for (const auto& v : values) list.PushBack(str(v, a), a);
    f.AddMember("Name", str(name, a), a).AddMember("Values", list, a);
    return f;
}

rapidjson::Document ids_param(const char* member, std::string_view id) {
    rapidjson::Document p(rapidjson::kObjectType);
    rapidjson::Value ids(rapidjson::kArrayType);
    ids.PushBack(str(std::string(id), p.GetAllocator()), p.GetAllocator());
    p.AddMember(rapidjson::StringRef(member), ids, p.GetAllocator());
    return p;
}

std::string tag_value(const sdk::KeyValues& tags, const std::string& key) {
    for (const auto& [k, v] : tags) {
        if (k == key) return v;
    }
    return "";
}

}  // namespace

std::unique_ptr<Ec2Client> Ec2Client::open(std::string_view config_json) {
    Ec2Config config = Ec2Config::parse(config_json);
    check_run_instances_config(config);
    return std::unique_ptr<Ec2Client>(new Ec2Client(std::move(config)));
}

template <class Fn>
void Ec2Client::describe(const sdk::Call& call, const sdk::KeyValues& tags, bool live_only,
                         Fn&& fn) {
    std::string next_token;
    do {
        call.check(sdk::host().now_ms());
        rapidjson::Document p(rapidjson::kObjectType);
        auto& a = p.GetAllocator();
        rapidjson::Value filters(rapidjson::kArrayType);
        for (const auto& [key, value] : tags) filters.PushBack(filter("tag:" + key, {value}, a), a);
        if (live_only) filters.PushBack(filter("instance-state-name", {"pending", "running"}, a), a);
        if (!filters.Empty()) p.AddMember("Filters", filters, a);
        p.AddMember("MaxResults", kPageSize, a);
        if (!next_token.empty()) p.AddMember("NextToken", str(next_token, a), a);
        rapidjson::Document page = api_.call(call, "DescribeInstances", p);
        for_each_instance(page, fn);
        next_token = text(page, "NextToken");
    } while (!next_token.empty());
}

void Ec2Client::create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink) {
    rapidjson::Document params = run_instances_params(config_, spec);
    std::string config_tag = tag_value(spec.tags, kConfigTag);
    if (!config_tag.empty()) {
        int64_t live = 0;
        std::optional<sdk::VmRecord> same_token;
        describe(call, {{kConfigTag, config_tag}}, true, [&](const rapidjson::Value& instance) {
            ++live;
            if (text(instance, "ClientToken") == spec.idempotency_key) {
                same_token = to_vm_record(instance);
            }
        });
        if (same_token) return sink.emit(*same_token);  // a retry of a create that went through
        if (live >= config_.max_instances) {
            throw ProviderError(TP_ERR_CAPACITY,
                                "max_instances " + std::to_string(config_.max_instances) +
                                    " reached (" + std::to_string(live) + " live instances)",
                                "/max_instances", "InstanceLimitExceeded");
        }
    }
    rapidjson::Document reservation = api_.call(call, "RunInstances", params);
    std::optional<sdk::VmRecord> created;
    for_each_instance(reservation, [&](const rapidjson::Value& i) { created = to_vm_record(i); });
    if (!created) throw ProviderError(TP_ERR_INTERNAL, "RunInstances answered no instance");
    ensure_tags(call, *created, spec);
    sink.emit(*created);
}

// Tags normally arrive through TagSpecifications; an instance that lacks some (created by an
// older version, or by a retry that raced a tag failure) gets them now, so list_vms finds it.
void Ec2Client::ensure_tags(const sdk::Call& call, const sdk::VmRecord& vm,
                            const sdk::VmSpec& spec) {
    sdk::KeyValues missing;
    for (const auto& tag : spec.tags) {
        if (!sdk::matches_all(vm.tags, {tag})) missing.push_back(tag);
    }
    if (missing.empty()) return;
    rapidjson::Document p = ids_param("Resources", vm.provider_id);
    auto& a = p.GetAllocator();
    rapidjson::Value tags(rapidjson::kArrayType);
    for (const auto& [key, value] : missing) {
        rapidjson::Value tag(rapidjson::kObjectType);
        tag.AddMember("Key", str(key, a), a).AddMember("Value", str(value, a), a);
        tags.PushBack(tag, a);
    }
    p.AddMember("Tags", tags, a);
    api_.call(call, "CreateTags", p);
}

void Ec2Client::get(const sdk::Call& call, std::string_view provider_id,
                    const sdk::VmSink& sink) {
    rapidjson::Document out = api_.call(call, "DescribeInstances",
                                        ids_param("InstanceIds", provider_id));
    bool found = false;
    for_each_instance(out, [&](const rapidjson::Value& i) {
        if (!found) sink.emit(to_vm_record(i));
        found = true;
    });
    if (!found) {
        throw ProviderError(TP_ERR_NOT_FOUND, "EC2 has no instance " + std::string(provider_id),
                            "", "InvalidInstanceID.NotFound");
    }
}

void Ec2Client::list(const sdk::Call& call, const sdk::KeyValues& filter,
                     const sdk::VmSink& sink) {
    describe(call, filter, false,
             [&](const rapidjson::Value& instance) { sink.emit(to_vm_record(instance)); });
}

void Ec2Client::remove(const sdk::Call& call, std::string_view provider_id) {
    try {
        api_.call(call, "TerminateInstances", ids_param("InstanceIds", provider_id));
    } catch (const ProviderError& e) {
        if (e.status() != TP_ERR_NOT_FOUND) throw;  // already gone: deleting is idempotent
    }
}

void Ec2Client::credentials(const sdk::Call& call, std::string_view provider_id,
                            const sdk::CredentialSink& sink) {
    if (!config_.retrieve_windows_password) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /retrieve_windows_password is false: this config does "
                            "not fetch Windows passwords",
                            "/retrieve_windows_password");
    }
    rapidjson::Document p(rapidjson::kObjectType);
    p.AddMember("InstanceId", str(std::string(provider_id), p.GetAllocator()), p.GetAllocator());
    rapidjson::Document out = api_.call(call, "GetPasswordData", p);
    std::string data = text(out, "PasswordData");
    if (data.find_first_not_of(" \t\r\n") == std::string::npos) {  // EC2 sends it blank
        throw ProviderError(TP_ERR_UNAVAILABLE,
                            "EC2 has no password for " + std::string(provider_id) +
                                " yet (Windows generates it a few minutes after first boot)",
                            "", "PasswordDataNotAvailable", kPasswordRetryMs);
    }
    sink.emit("password", "Administrator", decrypt_windows_password(config_.windows_key_pem, data));
}

}  // namespace tidepool::aws
