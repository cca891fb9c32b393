// Loading botocore protocol-test suites and comparing results: shared by the four runners.
//
// Each runner walks every case of its file and either runs it or skips it BY ID with a reason
// (see kSkipped in each runner), so a new case in the suite fails until someone decides.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>

#include <tidepool/sdk/aws/model.h>

namespace tidepool::test {

struct Suite {
    std::shared_ptr<rapidjson::Document> doc;  // the whole file: an array of suites
};

// Reads specs/aws/protocol-tests-botocore/<relative> (e.g. "input/ec2.json").
Suite load_suite(const std::string& relative);

// The model of one suite (its "shapes" object).
sdk::aws::Model suite_model(const Suite& file, const rapidjson::Value& suite);

// Deep JSON equality; numbers compare as doubles within 1e-9, so 1 == 1.0.
bool json_equal(const rapidjson::Value& a, const rapidjson::Value& b);
std::string to_json(const rapidjson::Value& v);

// XML documents compared after libxml2 re-serializes both without ignorable whitespace.
std::string canonical_xml(const std::string& xml);

// Case ids this runner does not run, each with why.
using SkipList = std::map<std::string, std::string>;

}  // namespace tidepool::test
