// The rest-xml protocol (Route 53, S3): members bound to the URI path, query string and headers
// by their "location", the rest serialized as an XML body rooted at the input's locationName
// with its xmlNamespace. Verified against botocore's rest-xml protocol tests.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tidepool/sdk/aws/model.h>

namespace tidepool::sdk::aws {

struct RestOperation {
    std::string method;       // http.method
    std::string request_uri;  // http.requestUri, with {Label} and {Label+} placeholders
    std::string input_shape;
    std::string root_name;    // the input's locationName ("" -> the shape name)
    std::string xml_namespace;  // the input's xmlNamespace.uri, may be empty
};

struct RestRequest {
    std::string method;
    std::string path;   // percent-encoded, as sent
    std::string query;  // without '?', may be empty
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;   // XML, empty when no member goes to the body
};

// Reads method, requestUri and input from an operation in model.operations.
RestOperation rest_operation(const Model& model, std::string_view operation_name);

// Serializes params (keyed by member names) for op. Throws ModelError naming the member.
RestRequest serialize_rest_xml(const Model& model, const RestOperation& op,
                               const rapidjson::Value& params);

// The XML body for one structure value, rooted at root_name (exposed for payload members).
std::string write_xml_structure(const Model& model, const rapidjson::Value& shape,
                                const rapidjson::Value& value, std::string_view root_name,
                                std::string_view xml_namespace,
                                std::string_view namespace_prefix = {});

}  // namespace tidepool::sdk::aws
