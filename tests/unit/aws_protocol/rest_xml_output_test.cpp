// protocol-tests-botocore/output/rest-xml.json through parse_xml_response and parse_error.
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/errors.h>
#include <tidepool/sdk/aws/xml_reader.h>

#include "suite.h"

namespace tidepool::test {
namespace {

const SkipList kSkipped = {
    {"ComplexError", "error members beyond Code/Message: plugins only read code and message"},
    {"RestXmlEnumPayloadResponse", "a bare string payload, not XML: Route 53 answers XML"},
    {"RestXmlStringPayloadResponse", "a bare string payload, as above"},
    {"HttpPayloadTraitsWithBlob", "a blob payload, as above"},
    {"SimpleScalarProperties", "a header-bound output member (foo): Route 53 outputs we read are body-only"},
    {"SimpleScalarPropertiesComplexEscapes", "header-bound member, as above"},
    {"SimpleScalarPropertiesWithEscapedCharacter", "header-bound member, as above"},
    {"SimpleScalarPropertiesWithXMLPreamble", "header-bound member, as above"},
    {"SimpleScalarPropertiesWithWhiteSpace", "header-bound member, as above"},
    {"SimpleScalarPropertiesPureWhiteSpace", "header-bound member, as above"},
    {"RestXmlHttpPayloadWithUnion", "unions: no Route 53 shape we use is a union"},
    {"RestXmlHttpPayloadWithUnsetUnion", "unions, as above"},
    {"XmlUnionsWithStructMember", "unions, as above"},
    {"XmlUnionsWithStringMember", "unions, as above"},
    {"XmlUnionsWithBooleanMember", "unions, as above"},
    {"XmlUnionsWithUnionMember", "unions, as above"},
};

TEST_CASE("every relevant rest-xml output case parses to the expected result") {
    Suite file = load_suite("output/rest-xml.json");
    int ran = 0;
    for (const auto& suite : file.doc->GetArray()) {
        sdk::aws::Model model = suite_model(file, suite);
        for (const auto& c : suite["cases"].GetArray()) {
            std::string id = c["id"].GetString();
            if (kSkipped.count(id)) continue;
            CAPTURE(id);
            const auto& body = c["response"]["body"];
            if (c.HasMember("errorCode")) {
                auto error = sdk::aws::parse_error(body.GetString());
                REQUIRE(error.has_value());
                CHECK(error->code == c["errorCode"].GetString());
                ++ran;
                continue;
            }
            const auto& given = c["given"];
            if (!given.HasMember("output") || body.GetStringLength() == 0) continue;
            rapidjson::Document out;
            rapidjson::Value parsed = sdk::aws::parse_xml_response(
                model, given["output"]["shape"].GetString(), body.GetString(),
                out.GetAllocator());
            INFO("parsed ", to_json(parsed), " expected ", to_json(c["result"]));
            CHECK(json_equal(parsed, c["result"]));
            ++ran;
        }
    }
    CHECK(ran >= 25);
}

}  // namespace
}  // namespace tidepool::test
