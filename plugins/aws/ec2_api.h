// EC2 over its query protocol: any operation of the embedded model, by name, with parameters
// and results as JSON keyed by the model's member names.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include <tidepool/sdk/call.hpp>

#include "aws_config.h"
#include "transport.h"

namespace tidepool::aws {

inline constexpr const char* kEc2ApiVersion = "2016-11-15";

class Ec2Api {
public:
    explicit Ec2Api(const Connection& connection);

    // Sends action with params; returns its output structure. Throws ProviderError.
    rapidjson::Document call(const sdk::Call& call, const std::string& action,
                             const rapidjson::Value& params);

    // The form body call() would send (also the check that params fit the model).
    static std::string body(const std::string& action, const rapidjson::Value& params);

private:
    AwsTransport transport_;
};

// The config field an EC2 invalid-parameter error points at ("/ami_id", ...), or "".
std::string ec2_error_field(const std::string& code, const std::string& message);

}  // namespace tidepool::aws
