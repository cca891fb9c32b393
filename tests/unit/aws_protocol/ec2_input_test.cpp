// protocol-tests-botocore/input/ec2.json through serialize_ec2_query.
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/query_serializer.h>

#include "suite.h"

namespace tidepool::test {
namespace {

const SkipList kSkipped = {
    {"Ec2QueryEndpointTrait", "host prefixes (endpoint trait): EC2 operations we call have none"},
    {"Ec2QueryEndpointTraitWithHostLabel", "host labels: not used by any EC2 operation we call"},
    {"SDKAppliedContentEncoding_ec2Query", "request compression: EC2 bodies are sent plain"},
    {"SDKAppendsGzipAndIgnoresHttpProvidedEncoding_ec2Query", "request compression, as above"},
};

TEST_CASE("every relevant ec2 input case serializes byte for byte") {
    Suite file = load_suite("input/ec2.json");
    int ran = 0;
    for (const auto& suite : file.doc->GetArray()) {
        sdk::aws::Model model = suite_model(file, suite);
        std::string version = suite["metadata"]["apiVersion"].GetString();
        for (const auto& c : suite["cases"].GetArray()) {
            std::string id = c["id"].GetString();
            if (kSkipped.count(id)) continue;
            CAPTURE(id);
            const auto& given = c["given"];
            std::string shape = given.HasMember("input") ? given["input"]["shape"].GetString() : "";
            sdk::aws::QueryOptions options;
            options.idempotency_token = [] { return "00000000-0000-4000-8000-000000000000"; };
            std::string body = sdk::aws::serialize_ec2_query(
                model, given["name"].GetString(), version, shape, c["params"], options);
            CHECK(body == c["serialized"]["body"].GetString());
            ++ran;
        }
    }
    CHECK(ran >= 20);
}

TEST_CASE("members the model does not know are refused with their JSON pointer") {
    auto model = sdk::aws::Model::parse(R"({"shapes": {
        "In": {"type": "structure", "members": {"Tags": {"shape": "TagList"}}},
        "TagList": {"type": "list", "member": {"shape": "Tag", "locationName": "item"}},
        "Tag": {"type": "structure", "members": {"Key": {"shape": "S"}}},
        "S": {"type": "string"}}})");
    rapidjson::Document params;
    params.Parse(R"({"Tags": [{"Key": "a"}, {"Kee": "b"}]})");
    try {
        sdk::aws::serialize_ec2_query(model, "Op", "1", "In", params);
        FAIL("an unknown member was serialized");
    } catch (const sdk::aws::ModelError& e) {
        CHECK(e.path() == "/Tags/1/Kee");
    }
    params.Parse(R"({"Tags": [{"Key": 5}]})");
    CHECK_THROWS_AS(sdk::aws::serialize_ec2_query(model, "Op", "1", "In", params),
                    sdk::aws::ModelError);
}

}  // namespace
}  // namespace tidepool::test
