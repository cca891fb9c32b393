#include "imds.h"

#include <rapidjson/document.h>

#include <tidepool/sdk/aws/codec.h>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>

namespace tidepool::aws {

namespace {

constexpr const char* kTokenTtl = "21600";
constexpr int64_t kImdsTimeoutMs = 2000;  // IMDS is link-local: slow means absent
constexpr const char* kRolePath = "/latest/meta-data/iam/security-credentials/";

[[noreturn]] void no_credentials(const std::string& why) {
    throw sdk::ProviderError(
        TP_ERR_DENIED,
        "no AWS credentials: none in the config (access_key_id/secret_access_key), the "
        "environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), the shared credentials file, "
        "and the instance role (IMDSv2) failed: " + why,
        "/access_key_id");
}

sdk::HttpResponse imds_call(const std::string& method, const std::string& url,
                            sdk::KeyValues headers, const sdk::Call& call) {
    sdk::HttpRequest request;
    request.method = method;
    request.url = url;
    request.headers = std::move(headers);
    request.timeout_ms = kImdsTimeoutMs;
    try {
        return sdk::host().http(request, call);
    } catch (const sdk::ProviderError& e) {
        if (e.status() == TP_ERR_CANCELLED) throw;
        no_credentials("metadata endpoint unreachable (" + std::string(e.what()) + ")");
    }
}

std::string field(const rapidjson::Document& doc, const char* name) {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

RoleCredentials fetch_role_credentials(const std::string& endpoint, const sdk::Call& call) {
    auto token = imds_call("PUT", endpoint + "/latest/api/token",
                           {{"X-aws-ec2-metadata-token-ttl-seconds", kTokenTtl}}, call);
    if (token.status != 200) no_credentials("token request answered " + std::to_string(token.status));
    sdk::KeyValues auth{{"X-aws-ec2-metadata-token", token.body}};
    auto roles = imds_call("GET", endpoint + kRolePath, auth, call);
    std::string role = roles.body.substr(0, roles.body.find('\n'));
    if (roles.status != 200 || role.empty()) no_credentials("the instance has no IAM role");
    auto keys = imds_call("GET", endpoint + kRolePath + role, auth, call);
    rapidjson::Document doc;
    doc.Parse(keys.body.c_str());
    if (keys.status != 200 || doc.HasParseError() || !doc.IsObject() ||
        field(doc, "Code") != "Success") {
        no_credentials("role " + role + " has no usable credentials");
    }
    RoleCredentials out;
    out.role = role;
    out.keys = {field(doc, "AccessKeyId"), field(doc, "SecretAccessKey"), field(doc, "Token")};
    auto expires = sdk::aws::parse_timestamp(field(doc, "Expiration"));
    out.expires_unix_ms = expires ? static_cast<int64_t>(*expires * 1000) : 0;
    if (out.keys.access_key_id.empty() || out.keys.secret_access_key.empty()) {
        no_credentials("role " + role + " returned empty keys");
    }
    return out;
}

}  // namespace tidepool::aws
