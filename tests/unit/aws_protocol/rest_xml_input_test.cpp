// protocol-tests-botocore/input/rest-xml.json through serialize_rest_xml (Route 53's protocol).
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/rest_xml.h>

#include "suite.h"

namespace tidepool::test {
namespace {

const SkipList kSkipped = {
    {"RestXmlEndpointTrait", "host prefixes (endpoint trait): Route 53 operations have none"},
    {"RestXmlEndpointTraitWithHostLabel", "host labels: not used by Route 53"},
    {"RestXmlEndpointTraitWithHostLabelAndHttpBinding", "host labels: not used by Route 53"},
    {"SDKAppliedContentEncoding_restXml", "request compression: bodies are sent plain"},
    {"SDKAppendedGzipAfterProvidedEncoding_restXml", "request compression, as above"},
    {"QueryIdempotencyTokenAutoFill", "token auto-fill: we always pass our own tokens"},
    {"RestXmlQueryPrecedence", "query-string maps: no Route 53 operation we call has one"},
    {"RestXmlHttpPayloadWithUnion", "unions: no Route 53 shape we use is a union"},
    {"RestXmlHttpPayloadWithUnsetUnion", "unions, as above"},
    {"XmlUnionsWithStructMember", "unions, as above"},
    {"XmlUnionsWithStringMember", "unions, as above"},
    {"XmlUnionsWithBooleanMember", "unions, as above"},
    {"XmlUnionsWithUnionMember", "unions, as above"},
};


sdk::aws::RestOperation operation_of(const rapidjson::Value& given) {
    sdk::aws::RestOperation op;
    op.method = given["http"]["method"].GetString();
    op.request_uri = given["http"]["requestUri"].GetString();
    if (given.HasMember("input")) {
        const auto& input = given["input"];
        op.input_shape = input["shape"].GetString();
        op.root_name = sdk::aws::string_member(input, "locationName");
        std::string prefix;
        sdk::aws::xml_namespace(input, op.xml_namespace, prefix);
    }
    return op;
}

void check_serialized(const sdk::aws::RestRequest& request, const rapidjson::Value& expected) {
    std::string uri = request.path + (request.query.empty() ? "" : "?" + request.query);
    CHECK(uri == expected["uri"].GetString());
    CHECK(request.method == expected["method"].GetString());
    std::string body = expected.HasMember("body") ? expected["body"].GetString() : "";
    if (body.find_first_not_of(" \n\t") != std::string::npos &&
        body[body.find_first_not_of(" \n\t")] == '<') {
        CHECK(canonical_xml(request.body) == canonical_xml(body));
    } else {
        CHECK(request.body == body);
    }
    if (!expected.HasMember("headers")) return;
    for (const auto& h : expected["headers"].GetObject()) {
        std::string name = h.name.GetString();
        if (name == "Content-Type" || name == "Content-Length") continue;  // the transport's job
        std::string got;
        for (const auto& [key, value] : request.headers) {
            if (key == name) got = value;
        }
        CHECK_MESSAGE(got == h.value.GetString(), "header ", name);
    }
}

TEST_CASE("every relevant rest-xml input case serializes to the expected request") {
    Suite file = load_suite("input/rest-xml.json");
    int ran = 0;
    for (const auto& suite : file.doc->GetArray()) {
        sdk::aws::Model model = suite_model(file, suite);
        for (const auto& c : suite["cases"].GetArray()) {
            std::string id = c["id"].GetString();
            if (kSkipped.count(id)) continue;
            CAPTURE(id);
            rapidjson::Value empty(rapidjson::kObjectType);
            const rapidjson::Value& params = c.HasMember("params") ? c["params"] : empty;
            auto request = sdk::aws::serialize_rest_xml(model, operation_of(c["given"]), params);
            check_serialized(request, c["serialized"]);
            ++ran;
        }
    }
    CHECK(ran >= 40);
}

}  // namespace
}  // namespace tidepool::test
