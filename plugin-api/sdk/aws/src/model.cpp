#include "tidepool/sdk/aws/model.h"

#include <rapidjson/error/en.h>

namespace tidepool::sdk::aws {

namespace {

const rapidjson::Value* find(const rapidjson::Value& object, std::string_view name) {
    if (!object.IsObject()) return nullptr;
    auto it = object.FindMember(
        rapidjson::Value(rapidjson::StringRef(name.data(), static_cast<unsigned>(name.size()))));
    return it == object.MemberEnd() ? nullptr : &it->value;
}

}  // namespace

Model Model::parse(std::string_view json) {
    auto doc = std::make_shared<rapidjson::Document>();
    doc->Parse(json.data(), json.size());
    if (doc->HasParseError()) {
        throw ModelError("", std::string("service model is not JSON: ") +
                                 rapidjson::GetParseError_En(doc->GetParseError()));
    }
    const rapidjson::Value* shapes = find(*doc, "shapes");
    if (!shapes || !shapes->IsObject()) throw ModelError("", "service model has no shapes");
    return Model(std::move(doc), shapes);
}

Model Model::from(std::shared_ptr<rapidjson::Document> doc, const rapidjson::Value& shapes) {
    return Model(std::move(doc), &shapes);
}

const rapidjson::Value& Model::shape(std::string_view name) const {
    const rapidjson::Value* shape = find(*shapes_, name);
    if (!shape || !shape->IsObject()) {
        throw ModelError("", "service model has no shape " + std::string(name));
    }
    return *shape;
}

const rapidjson::Value& Model::target(const rapidjson::Value& reference) const {
    return shape(string_member(reference, "shape"));
}

const rapidjson::Value& Model::operation(std::string_view name) const {
    const rapidjson::Value* operations = find(*doc_, "operations");
    const rapidjson::Value* op = operations ? find(*operations, name) : nullptr;
    if (!op || !op->IsObject()) {
        throw ModelError("", "service model has no operation " + std::string(name));
    }
    return *op;
}

std::string Model::api_version() const {
    const rapidjson::Value* metadata = find(*doc_, "metadata");
    return metadata ? std::string(string_member(*metadata, "apiVersion")) : std::string();
}

std::string_view shape_type(const rapidjson::Value& shape) { return string_member(shape, "type"); }

std::string_view string_member(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = find(object, name);
    if (!value || !value->IsString()) return {};
    return std::string_view(value->GetString(), value->GetStringLength());
}

bool bool_member(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = find(object, name);
    return value && value->IsBool() && value->GetBool();
}

bool xml_namespace(const rapidjson::Value& holder, std::string& uri, std::string& prefix) {
    const rapidjson::Value* ns = find(holder, "xmlNamespace");
    if (!ns) return false;
    if (ns->IsString()) {
        uri.assign(ns->GetString(), ns->GetStringLength());
        prefix.clear();
        return true;
    }
    if (!ns->IsObject()) return false;
    uri = string_member(*ns, "uri");
    prefix = string_member(*ns, "prefix");
    return true;
}

}  // namespace tidepool::sdk::aws
