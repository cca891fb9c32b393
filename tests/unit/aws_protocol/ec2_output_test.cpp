// protocol-tests-botocore/output/ec2.json through parse_xml_response and parse_error.
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/errors.h>
#include <tidepool/sdk/aws/xml_reader.h>

#include "suite.h"

namespace tidepool::test {
namespace {

const SkipList kSkipped = {
    {"Ec2ComplexError", "error members beyond Code/Message: plugins only read code and message"},
};

void run_output_case(const sdk::aws::Model& model, const rapidjson::Value& c) {
    const auto& body = c["response"]["body"];
    if (c.HasMember("errorCode")) {
        auto error = sdk::aws::parse_error(body.GetString());
        REQUIRE(error.has_value());
        CHECK(error->code == c["errorCode"].GetString());
        if (c.HasMember("errorMessage")) CHECK(error->message == c["errorMessage"].GetString());
        return;
    }
    const auto& given = c["given"];
    if (!given.HasMember("output")) return;  // nothing to parse
    rapidjson::Document out;
    rapidjson::Value parsed = sdk::aws::parse_xml_response(
        model, given["output"]["shape"].GetString(), body.GetString(), out.GetAllocator());
    INFO("parsed ", to_json(parsed), " expected ", to_json(c["result"]));
    CHECK(json_equal(parsed, c["result"]));
}

TEST_CASE("every relevant ec2 output case parses to the expected result") {
    Suite file = load_suite("output/ec2.json");
    int ran = 0;
    for (const auto& suite : file.doc->GetArray()) {
        sdk::aws::Model model = suite_model(file, suite);
        for (const auto& c : suite["cases"].GetArray()) {
            std::string id = c["id"].GetString();
            if (kSkipped.count(id)) continue;
            CAPTURE(id);
            run_output_case(model, c);
            ++ran;
        }
    }
    CHECK(ran >= 25);
}

}  // namespace
}  // namespace tidepool::test
