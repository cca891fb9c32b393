#include "plugins/config_schema.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

#include "plugins/draft04_meta_schema.h"

namespace tidepool::plugins {

using rapidjson::Value;

struct ConfigSchema::Impl {
    rapidjson::Document doc;
    std::unique_ptr<rapidjson::SchemaDocument> compiled;
};

namespace {

rapidjson::Document parse_meta_schema() {
    rapidjson::Document doc;
    doc.Parse(kDraft04MetaSchema);
    return doc;
}

const rapidjson::SchemaDocument& meta_schema() {
    static const rapidjson::Document kDoc = parse_meta_schema();
    static const rapidjson::SchemaDocument kMeta(kDoc);
    return kMeta;
}

std::string pointer_text(const rapidjson::Pointer& pointer) {
    rapidjson::StringBuffer out;
    pointer.Stringify(out);
    return out.GetString();
}

std::string escape_token(std::string_view name) {
    std::string out;
    for (char c : name) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
}

std::string json_text(const Value& value) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    value.Accept(writer);
    std::string text = out.GetString();
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

void collect_secrets(const Value& schema, const std::string& base, std::vector<std::string>& out) {
    if (!schema.IsObject() || !schema.HasMember("properties")) return;
    const Value& props = schema["properties"];
    if (!props.IsObject()) return;
    for (auto it = props.MemberBegin(); it != props.MemberEnd(); ++it) {
        std::string pointer = base + "/" + escape_token(it->name.GetString());
        const Value& member = it->value;
        if (member.IsObject() && member.HasMember("x-tidepool-secret") &&
            member["x-tidepool-secret"].IsTrue()) {
            out.push_back(pointer);
        }
        collect_secrets(member, pointer, out);
    }
}

// For "required" and "additionalProperties" the validator points at the object; name the
// member instead, which is what the operator has to add or remove.
std::string member_at_fault(const char* keyword, const Value& node, const Value* object) {
    if (!object || !object->IsObject()) return {};
    if (std::string_view(keyword) == "required" && node.HasMember("required")) {
        for (const auto& name : node["required"].GetArray()) {
            if (name.IsString() && !object->HasMember(name)) return name.GetString();
        }
    }
    if (std::string_view(keyword) == "additionalProperties") {
        const Value* props = node.HasMember("properties") ? &node["properties"] : nullptr;
        for (auto it = object->MemberBegin(); it != object->MemberEnd(); ++it) {
            if (!props || !props->IsObject() || !props->HasMember(it->name)) {
                return it->name.GetString();
            }
        }
    }
    return {};
}

std::string what_is_allowed(std::string_view keyword, const Value& node) {
    auto limit = [&](const char* name) {
        return node.HasMember(name) ? json_text(node[name]) : "";
    };
    if (keyword == "required") return "is required";
    if (keyword == "additionalProperties") return "is not a known setting";
    if (keyword == "type") return "must be of type " + limit("type");
    if (keyword == "minimum") return "must be at least " + limit("minimum");
    if (keyword == "maximum") return "must be at most " + limit("maximum");
    if (keyword == "enum") return "must be one of " + limit("enum");
    if (keyword == "minLength") return "must have at least " + limit("minLength") + " characters";
    if (keyword == "maxLength") return "must have at most " + limit("maxLength") + " characters";
    if (keyword == "pattern") return "must match " + limit("pattern");
    return fmt::format("violates the schema's \"{}\" rule", keyword);
}

bool is_secret(const std::string& field, const std::vector<std::string>& secrets) {
    for (const auto& s : secrets) {
        if (field == s || field.starts_with(s + "/")) return true;
    }
    return false;
}

}  // namespace

ConfigSchema::ConfigSchema() : impl_(std::make_unique<Impl>()) {}
ConfigSchema::~ConfigSchema() = default;

Result<std::shared_ptr<const ConfigSchema>> ConfigSchema::parse(std::string_view text) {
    std::shared_ptr<ConfigSchema> schema(new ConfigSchema());
    rapidjson::Document& doc = schema->impl_->doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
        return make_error(
            ErrorCode::invalid,
            fmt::format("config schema is not valid JSON: {} at offset {}",
                        rapidjson::GetParseError_En(doc.GetParseError()), doc.GetErrorOffset()));
    }
    rapidjson::SchemaValidator meta(meta_schema());
    if (!doc.IsObject() || !doc.Accept(meta)) {
        std::string where = pointer_text(meta.GetInvalidDocumentPointer());
        return make_error(ErrorCode::invalid,
                          fmt::format("config schema is not a valid draft-04 JSON Schema: at "
                                      "\"{}\" it violates the meta-schema's \"{}\" rule",
                                      where.empty() ? "/" : where,
                                      doc.IsObject() ? meta.GetInvalidSchemaKeyword() : "type"));
    }
    schema->impl_->compiled = std::make_unique<rapidjson::SchemaDocument>(doc);
    schema->text_ = std::string(text);
    collect_secrets(doc, "", schema->secrets_);
    return std::shared_ptr<const ConfigSchema>(std::move(schema));
}

Result<void> ConfigSchema::validate(std::string_view config_json) const {
    rapidjson::Document config;
    config.Parse(config_json.data(), config_json.size());
    if (config.HasParseError()) {
        return make_error(ErrorCode::invalid,
                          fmt::format("config is not valid JSON: {} at offset {}",
                                      rapidjson::GetParseError_En(config.GetParseError()),
                                      config.GetErrorOffset()));
    }
    rapidjson::SchemaValidator validator(*impl_->compiled);
    if (config.Accept(validator)) return {};
    const char* keyword = validator.GetInvalidSchemaKeyword();
    const Value* node = validator.GetInvalidSchemaPointer().Get(impl_->doc);
    const Value* value = validator.GetInvalidDocumentPointer().Get(config);
    std::string field = pointer_text(validator.GetInvalidDocumentPointer());
    std::string member = node ? member_at_fault(keyword, *node, value) : "";
    if (!member.empty()) field += "/" + escape_token(member);
    std::string shown = is_secret(field, secrets_) || !member.empty() || !value
                            ? std::string()
                            : " (is " + json_text(*value) + ")";
    return make_error(ErrorCode::invalid,
                      fmt::format("config field {} {}{}", field.empty() ? "/" : field,
                                  node ? what_is_allowed(keyword, *node) : keyword, shown),
                      field);
}

}  // namespace tidepool::plugins
