// The EC2 query protocol: a request is a form-encoded POST body
// `Action=<op>&Version=<api>&<members...>`, with members flattened by the model's rules
// (structures as `A.B`, every list flattened as `A.1`, `A.2`, wire names from queryName, else
// the capitalised locationName or member name). Verified against botocore's ec2 protocol tests.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <string_view>

#include <tidepool/sdk/aws/model.h>

namespace tidepool::sdk::aws {

struct QueryOptions {
    // Fills members marked idempotencyToken that params leave out. Empty: such members stay
    // out (EC2 then de-duplicates nothing, so callers normally pass ClientToken themselves).
    std::function<std::string()> idempotency_token;
};

// Serializes params (a JSON object keyed by member names of input_shape) into the form body.
// Throws ModelError naming the JSON pointer of an unknown member or a value of the wrong type.
std::string serialize_ec2_query(const Model& model, std::string_view action,
                                std::string_view api_version, std::string_view input_shape,
                                const rapidjson::Value& params, const QueryOptions& options = {});

}  // namespace tidepool::sdk::aws
