#include "route53_client.h"

#include <tidepool/sdk/aws/rest_xml.h>
#include <tidepool/sdk/aws/xml_reader.h>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>

#include "instance_view.h"
#include "models.h"

namespace tidepool::aws {

namespace {

using Allocator = rapidjson::Document::AllocatorType;
using sdk::ProviderError;

rapidjson::Value str(const std::string& s, Allocator& a) { return rapidjson::Value(s.c_str(), a); }

std::string endpoint_of(const Connection& c) {
    return c.endpoint_url.empty() ? route53_endpoint(c.region) : c.endpoint_url;
}

// Route 53 names are absolute ("a.example.com."); the ABI's have no trailing dot.
std::string without_dot(std::string name) {
    if (!name.empty() && name.back() == '.') name.pop_back();
    return name;
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(),
                                                  suffix.data(), suffix.size()) == 0;
}

std::string field_hint(const std::string& code, const std::string&) {
    return code == "NoSuchHostedZone" || code == "InvalidInput" ? "/hosted_zone_id" : "";
}

sdk::DnsRecordValue to_record(const rapidjson::Value& set) {
    sdk::DnsRecordValue r;
    r.name = without_dot(text(set, "Name"));
    r.type = text(set, "Type");
    auto ttl = set.FindMember("TTL");
    r.ttl_s = ttl != set.MemberEnd() && ttl->value.IsInt64()
                  ? static_cast<uint32_t>(ttl->value.GetInt64())
                  : 0;
    auto records = set.FindMember("ResourceRecords");
    if (records != set.MemberEnd() && records->value.IsArray() && !records->value.Empty()) {
        r.value = text(records->value[0], "Value");
    }
    return r;
}

}  // namespace

Route53Client::Route53Client(Route53Config config)
    : config_(std::move(config)),
      transport_(config_.connection, "route53", route53_signing_region(config_.connection.region),
                 endpoint_of(config_.connection), field_hint) {}

std::unique_ptr<Route53Client> Route53Client::open(std::string_view config_json) {
    return std::unique_ptr<Route53Client>(new Route53Client(Route53Config::parse(config_json)));
}

rapidjson::Document Route53Client::send(const sdk::Call& call, const std::string& operation,
                                        const rapidjson::Value& params) {
    const auto& model = route53_model();
    sdk::aws::RestRequest rest = sdk::aws::serialize_rest_xml(
        model, sdk::aws::rest_operation(model, operation), params);
    AwsRequest request{operation, rest.method, rest.path, rest.query, rest.headers, rest.body,
                       rest.body.empty() ? "" : "application/xml"};
    sdk::HttpResponse response = transport_.send(call, request);
    rapidjson::Document out(rapidjson::kObjectType);
    const auto& op = model.operation(operation);
    rapidjson::Value parsed = sdk::aws::parse_xml_response(
        model, sdk::aws::string_member(op["output"], "shape"), response.body, out.GetAllocator());
    static_cast<rapidjson::Value&>(out).Swap(parsed);
    return out;
}

void Route53Client::change(const sdk::Call& call, const char* action,
                           const sdk::DnsRecordValue& record) {
    rapidjson::Document p(rapidjson::kObjectType);
    auto& a = p.GetAllocator();
    rapidjson::Value value(rapidjson::kObjectType), values(rapidjson::kArrayType);
    value.AddMember("Value", str(record.value, a), a);
    values.PushBack(value, a);
    rapidjson::Value set(rapidjson::kObjectType);
    set.AddMember("Name", str(record.name + ".", a), a).AddMember("Type", str(record.type, a), a);
    set.AddMember("TTL", static_cast<int64_t>(record.ttl_s), a).AddMember("ResourceRecords",
                                                                           values, a);
    rapidjson::Value change(rapidjson::kObjectType), changes(rapidjson::kArrayType);
    change.AddMember("Action", rapidjson::StringRef(action), a).AddMember("ResourceRecordSet",
                                                                          set, a);
    changes.PushBack(change, a);
    rapidjson::Value batch(rapidjson::kObjectType);
    batch.AddMember("Comment", "tidepool", a).AddMember("Changes", changes, a);
    p.AddMember("HostedZoneId", str(config_.hosted_zone_id, a), a).AddMember("ChangeBatch", batch,
                                                                              a);
    rapidjson::Document out = send(call, "ChangeResourceRecordSets", p);
    std::string id = out.HasMember("ChangeInfo") ? text(out["ChangeInfo"], "Id") : "";
    if (config_.wait_for_insync && !id.empty()) wait_insync(call, id);
}

void Route53Client::wait_insync(const sdk::Call& call, std::string change_id) {
    if (change_id.rfind("/change/", 0) == 0) change_id.erase(0, 8);
    while (true) {
        rapidjson::Document p(rapidjson::kObjectType);
        p.AddMember("Id", str(change_id, p.GetAllocator()), p.GetAllocator());
        rapidjson::Document out = send(call, "GetChange", p);
        std::string status = out.HasMember("ChangeInfo") ? text(out["ChangeInfo"], "Status") : "";
        if (status == "INSYNC") return;
        // Sleeps on the host clock: returns early (throwing) on cancellation or the deadline.
        sdk::host().sleep_ms(config_.poll_interval_ms, call);
    }
}

void Route53Client::upsert(const sdk::Call& call, const sdk::DnsRecordValue& record) {
    change(call, "UPSERT", record);
}

void Route53Client::remove(const sdk::Call& call, const sdk::DnsRecordValue& record) {
    std::optional<sdk::DnsRecordValue> current = find(call, record.name, record.type);
    if (!current) return;  // nothing to delete
    change(call, "DELETE", *current);
}

std::optional<sdk::DnsRecordValue> Route53Client::find(const sdk::Call& call,
                                                       const std::string& name,
                                                       const std::string& type) {
    rapidjson::Document p(rapidjson::kObjectType);
    auto& a = p.GetAllocator();
    p.AddMember("HostedZoneId", str(config_.hosted_zone_id, a), a);
    p.AddMember("StartRecordName", str(name + ".", a), a);
    p.AddMember("StartRecordType", str(type, a), a).AddMember("MaxItems", "1", a);
    rapidjson::Document out = send(call, "ListResourceRecordSets", p);
    if (!out.HasMember("ResourceRecordSets")) return std::nullopt;
    for (const auto& set : out["ResourceRecordSets"].GetArray()) {
        sdk::DnsRecordValue r = to_record(set);
        if (r.name == name && r.type == type) return r;
    }
    return std::nullopt;
}

void Route53Client::list(const sdk::Call& call, std::string_view suffix,
                         const sdk::DnsSink& sink) {
    std::string next_name, next_type;
    do {
        call.check(sdk::host().now_ms());
        rapidjson::Document p(rapidjson::kObjectType);
        auto& a = p.GetAllocator();
        p.AddMember("HostedZoneId", str(config_.hosted_zone_id, a), a);
        if (!next_name.empty()) {
            p.AddMember("StartRecordName", str(next_name, a), a);
            p.AddMember("StartRecordType", str(next_type, a), a);
        }
        rapidjson::Document out = send(call, "ListResourceRecordSets", p);
        if (out.HasMember("ResourceRecordSets")) {
            for (const auto& set : out["ResourceRecordSets"].GetArray()) {
                sdk::DnsRecordValue r = to_record(set);
                bool ours = r.type == "A" || r.type == "AAAA" || r.type == "CNAME";
                if (ours && ends_with(r.name, suffix)) sink.emit(r);
            }
        }
        bool truncated = out.HasMember("IsTruncated") && out["IsTruncated"].IsBool() &&
                         out["IsTruncated"].GetBool();
        next_name = truncated ? text(out, "NextRecordName") : "";
        next_type = text(out, "NextRecordType");
    } while (!next_name.empty());
}

}  // namespace tidepool::aws
