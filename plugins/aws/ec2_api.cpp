#include "ec2_api.h"

#include <tidepool/sdk/aws/query_serializer.h>
#include <tidepool/sdk/aws/xml_reader.h>
#include <tidepool/sdk/error.hpp>

#include "models.h"

namespace tidepool::aws {

namespace {

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string endpoint_of(const Connection& c) {
    return c.endpoint_url.empty() ? default_endpoint("ec2", c.region) : c.endpoint_url;
}

}  // namespace

std::string ec2_error_field(const std::string& code, const std::string& message) {
    if (contains(code, "AMIID")) return "/ami_id";
    if (contains(code, "SubnetID") || contains(code, "Subnet")) return "/subnet_id";
    if (contains(code, "SecurityGroup") || contains(code, "InvalidGroup")) {
        return "/security_group_ids";
    }
    if (contains(code, "KeyPair")) return "/key_pair_name";
    if (contains(message, "instance type") || contains(code, "InstanceType")) {
        return "/instance_type";
    }
    if (contains(message, "IamInstanceProfile") || contains(message, "instance profile")) {
        return "/iam_instance_profile";
    }
    if (contains(message, "volume") || contains(message, "Volume")) return "/root_volume_size_gb";
    if (contains(message, "UserData") || contains(message, "user data")) return "/startup_script";
    return "";
}

Ec2Api::Ec2Api(const Connection& connection)
    : transport_(connection, "ec2", connection.region, endpoint_of(connection), ec2_error_field) {
}

std::string Ec2Api::body(const std::string& action, const rapidjson::Value& params) {
    const auto& op = ec2_model().operation(action);
    return sdk::aws::serialize_ec2_query(ec2_model(), action, kEc2ApiVersion,
                                         sdk::aws::string_member(op["input"], "shape"), params);
}

rapidjson::Document Ec2Api::call(const sdk::Call& call, const std::string& action,
                                 const rapidjson::Value& params) {
    AwsRequest request;
    request.operation = action;
    request.method = "POST";
    request.path = "/";
    request.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    try {
        request.body = body(action, params);
    } catch (const sdk::aws::ModelError& e) {
        throw sdk::ProviderError(TP_ERR_INTERNAL, "EC2 " + action + " request does not fit the "
                                                  "EC2 model: " + std::string(e.what()));
    }
    sdk::HttpResponse response = transport_.send(call, request);
    rapidjson::Document out;
    const auto& op = ec2_model().operation(action);
    if (!op.HasMember("output")) {
        out.SetObject();
        return out;
    }
    try {
        rapidjson::Value parsed = sdk::aws::parse_xml_response(
            ec2_model(), sdk::aws::string_member(op["output"], "shape"), response.body,
            out.GetAllocator());
        static_cast<rapidjson::Value&>(out).Swap(parsed);
    } catch (const sdk::aws::ModelError& e) {
        throw sdk::ProviderError(TP_ERR_INTERNAL,
                                 "EC2 " + action + " answered a body that is not XML: " + e.what());
    }
    return out;
}

}  // namespace tidepool::aws
