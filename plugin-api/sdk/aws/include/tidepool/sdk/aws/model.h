// A botocore service model (or a subset of one): the shapes that drive the AWS serializers and
// parsers in this folder, so the wire format comes from AWS's own definitions rather than from
// hand-written request code.
//
// The document is botocore's `service-2.json` layout: {"metadata": {...}, "operations": {...},
// "shapes": {...}}; only "shapes" is required. Plugins embed a subset trimmed from the official
// model (see plugins/aws/model/); the protocol-test runners build one from each test suite.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <string_view>

namespace tidepool::sdk::aws {

// Thrown when a model or a request does not fit the model: names the offending path.
class ModelError : public std::runtime_error {
public:
    ModelError(std::string path, const std::string& message)
        : std::runtime_error(path.empty() ? message : path + ": " + message),
          path_(std::move(path)) {}
    // JSON pointer (into the request parameters) of the member at fault; "" for the root.
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

class Model {
public:
    // Parses a model document; throws ModelError when it is not JSON or has no "shapes".
    static Model parse(std::string_view json);
    // Wraps an already parsed document (the protocol tests share one across cases).
    static Model from(std::shared_ptr<rapidjson::Document> doc, const rapidjson::Value& shapes);

    // The shape called name; throws ModelError when the model lacks it.
    const rapidjson::Value& shape(std::string_view name) const;
    // The shape a member/list-member reference ({"shape": "X", ...}) points at.
    const rapidjson::Value& target(const rapidjson::Value& reference) const;
    // The operation called name from "operations"; throws ModelError when missing.
    const rapidjson::Value& operation(std::string_view name) const;
    // metadata.apiVersion, or "".
    std::string api_version() const;

private:
    Model(std::shared_ptr<rapidjson::Document> doc, const rapidjson::Value* shapes)
        : doc_(std::move(doc)), shapes_(shapes) {}
    std::shared_ptr<rapidjson::Document> doc_;
    const rapidjson::Value* shapes_;
};

// Small accessors for shape JSON, shared by the serializers and the parser.
std::string_view shape_type(const rapidjson::Value& shape);
std::string_view string_member(const rapidjson::Value& object, const char* name);
bool bool_member(const rapidjson::Value& object, const char* name);
// The xmlNamespace of a shape or member reference, given as "uri" or {"uri", "prefix"}.
// False when there is none.
bool xml_namespace(const rapidjson::Value& holder, std::string& uri, std::string& prefix);

}  // namespace tidepool::sdk::aws
