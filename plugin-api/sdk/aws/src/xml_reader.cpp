#include "tidepool/sdk/aws/xml_reader.h"

#include <charconv>
#include <cmath>

#include "tidepool/sdk/aws/codec.h"
#include "xml_doc.h"

namespace tidepool::sdk::aws {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

std::string element_name(const rapidjson::Value& reference, std::string_view fallback) {
    std::string_view location = string_member(reference, "locationName");
    return std::string(location.empty() ? fallback : location);
}

bool flattened(const rapidjson::Value& reference, const rapidjson::Value& shape) {
    return bool_member(reference, "flattened") || bool_member(shape, "flattened");
}

class XmlParser {
public:
    XmlParser(const Model& model, Allocator& allocator) : model_(model), a_(allocator) {}

    rapidjson::Value structure(const rapidjson::Value& shape, const xmlNode* node) {
        rapidjson::Value out(rapidjson::kObjectType);
        const auto& members = shape["members"];
        for (const auto& member : members.GetObject()) {
            std::string_view member_name(member.name.GetString(), member.name.GetStringLength());
            std::string_view location = string_member(member.value, "location");
            // Headers and status codes are not in the body; uri/querystring bindings only
            // apply to requests, so in a response those members are ordinary elements.
            if (location == "header" || location == "headers" || location == "statusCode") {
                continue;
            }
            rapidjson::Value parsed = structure_member(member.value, member_name, node);
            if (!parsed.IsNull()) {
                out.AddMember(rapidjson::Value(member.name, a_), parsed, a_);
            }
        }
        return out;
    }

    rapidjson::Value value(const rapidjson::Value& shape, const xmlNode* node) {
        std::string_view type = shape_type(shape);
        if (type == "structure") return structure(shape, node);
        if (type == "list") {
            const auto& member = shape["member"];
            return items(member, xml::elements(node, element_name(member, "member")));
        }
        if (type == "map") return map(shape, xml::elements(node, "entry"));
        return scalar(shape, xml::text(node));
    }

private:
    rapidjson::Value structure_member(const rapidjson::Value& reference,
                                      std::string_view member_name, const xmlNode* node) {
        const rapidjson::Value& target = model_.target(reference);
        std::string name = element_name(reference, member_name);
        if (bool_member(reference, "xmlAttribute")) {
            std::string attribute;
            if (!xml::attribute(node, name, attribute)) return rapidjson::Value();
            return scalar(target, attribute);
        }
        std::string_view type = shape_type(target);
        if (flattened(reference, target) && (type == "list" || type == "map")) {
            auto found = xml::elements(node, name);
            if (found.empty()) return rapidjson::Value();
            return type == "list" ? items(target["member"], found) : map(target, found);
        }
        const xmlNode* child = xml::first(node, name);
        return child ? value(target, child) : rapidjson::Value();
    }

    rapidjson::Value items(const rapidjson::Value& member,
                           const std::vector<xmlNode*>& elements) {
        const rapidjson::Value& element_shape = model_.target(member);
        rapidjson::Value out(rapidjson::kArrayType);
        for (const xmlNode* element : elements) out.PushBack(value(element_shape, element), a_);
        return out;
    }

    rapidjson::Value map(const rapidjson::Value& shape, const std::vector<xmlNode*>& entries) {
        const auto& key_ref = shape["key"];
        const auto& value_ref = shape["value"];
        rapidjson::Value out(rapidjson::kObjectType);
        for (const xmlNode* entry : entries) {
            const xmlNode* key = xml::first(entry, element_name(key_ref, "key"));
            const xmlNode* item = xml::first(entry, element_name(value_ref, "value"));
            if (!key) continue;
            rapidjson::Value parsed =
                item ? value(model_.target(value_ref), item) : rapidjson::Value();
            out.AddMember(rapidjson::Value(xml::text(key).c_str(), a_), parsed, a_);
        }
        return out;
    }

    rapidjson::Value scalar(const rapidjson::Value& shape, const std::string& text) {
        std::string_view type = shape_type(shape);
        if (type == "boolean") return rapidjson::Value(text == "true");
        if (type == "integer" || type == "long") {
            int64_t number = 0;
            std::from_chars(text.data(), text.data() + text.size(), number);
            return rapidjson::Value(number);
        }
        if (type == "float" || type == "double") return floating(text);
        if (type == "timestamp") {
            auto seconds = parse_timestamp(text);
            return seconds ? rapidjson::Value(*seconds) : rapidjson::Value();
        }
        if (type == "blob") {
            auto bytes = base64_decode(text);
            return rapidjson::Value(bytes ? bytes->c_str() : "", a_);
        }
        return rapidjson::Value(text.c_str(), static_cast<rapidjson::SizeType>(text.size()), a_);
    }

    rapidjson::Value floating(const std::string& text) {
        // JSON has no NaN or infinities: keep AWS's own spelling as a string.
        if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
            return rapidjson::Value(text.c_str(), a_);
        }
        double number = 0;
        std::from_chars(text.data(), text.data() + text.size(), number);
        return rapidjson::Value(number);
    }

    const Model& model_;
    Allocator& a_;
};

}  // namespace

rapidjson::Value parse_xml_response(const Model& model, std::string_view output_shape,
                                    std::string_view body, Allocator& allocator) {
    xml::DocPtr doc = xml::parse(body);
    XmlParser parser(model, allocator);
    const rapidjson::Value& shape = model.shape(output_shape);
    std::string_view payload = string_member(shape, "payload");
    if (!payload.empty()) {  // rest-xml: the whole body is one structure member
        auto member = shape["members"].FindMember(
            rapidjson::StringRef(payload.data(), static_cast<rapidjson::SizeType>(payload.size())));
        if (member != shape["members"].MemberEnd()) {
            rapidjson::Value out(rapidjson::kObjectType);
            out.AddMember(rapidjson::Value(member->name, allocator),
                          parser.value(model.target(member->value), xml::root(doc)), allocator);
            return out;
        }
    }
    return parser.structure(shape, xml::root(doc));
}

}  // namespace tidepool::sdk::aws
