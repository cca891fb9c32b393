// Request bodies for the rest-xml protocol, built with libxml2's tree API so escaping and
// namespaces are libxml2's job, not ours.
#include <libxml/tree.h>

#include "tidepool/sdk/aws/codec.h"
#include "tidepool/sdk/aws/rest_xml.h"
#include "xml_doc.h"

namespace tidepool::sdk::aws {

namespace {

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

std::string json_string(const rapidjson::Value& v) {
    return std::string(v.GetString(), v.GetStringLength());
}

class XmlWriter {
public:
    explicit XmlWriter(const Model& model) : model_(model) {}

    void value(xmlNode* parent, const rapidjson::Value& reference, const rapidjson::Value& shape,
               const rapidjson::Value& v, const std::string& name, const std::string& path) {
        std::string_view type = shape_type(shape);
        if (type == "structure") {
            structure(child(parent, name, reference, shape), shape, v, path);
        } else if (type == "list") {
            list(parent, reference, shape, v, name, path);
        } else if (type == "map") {
            map(parent, reference, shape, v, name, path);
        } else {
            xmlNode* node = xmlNewTextChild(parent, nullptr, x(name), x(scalar(shape, v, path)));
            declare_namespace(node, reference, shape);
        }
    }

    void structure(xmlNode* node, const rapidjson::Value& shape, const rapidjson::Value& v,
                   const std::string& path) {
        if (!v.IsObject()) throw ModelError(path, "must be an object");
        const auto& members = shape["members"];
        for (const auto& entry : v.GetObject()) {
            if (entry.value.IsNull()) continue;  // null means "not set"
            std::string name = json_string(entry.name);
            auto found = members.FindMember(entry.name);
            if (found == members.MemberEnd()) {
                throw ModelError(path + "/" + name, "is not a member of this request");
            }
            const auto& reference = found->value;
            std::string_view location = string_member(reference, "locationName");
            std::string wire = location.empty() ? name : std::string(location);
            const auto& target = model_.target(reference);
            if (bool_member(reference, "xmlAttribute")) {
                xmlSetProp(node, x(wire), x(scalar(target, entry.value, path + "/" + name)));
                continue;
            }
            value(node, reference, target, entry.value, wire, path + "/" + name);
        }
    }

private:
    // A new element with the reference's or shape's xmlNamespace declared on it.
    static xmlNode* child(xmlNode* parent, const std::string& name,
                          const rapidjson::Value& reference, const rapidjson::Value& shape) {
        xmlNode* node = xmlNewChild(parent, nullptr, x(name), nullptr);
        declare_namespace(node, reference, shape);
        return node;
    }

    static void declare_namespace(xmlNode* node, const rapidjson::Value& reference,
                                  const rapidjson::Value& shape) {
        std::string uri, prefix;
        if (xml_namespace(reference, uri, prefix) || xml_namespace(shape, uri, prefix)) {
            xmlNewNs(node, x(uri), prefix.empty() ? nullptr : x(prefix));
        }
    }

    void list(xmlNode* parent, const rapidjson::Value& reference, const rapidjson::Value& shape,
              const rapidjson::Value& v, const std::string& name, const std::string& path) {
        if (!v.IsArray()) throw ModelError(path, "must be an array");
        const auto& member = shape["member"];
        bool flat = bool_member(reference, "flattened") || bool_member(shape, "flattened");
        xmlNode* holder = flat ? parent : child(parent, name, reference, shape);
        std::string_view member_name = string_member(member, "locationName");
        std::string element = flat ? name : std::string(member_name.empty() ? "member" : member_name);
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            value(holder, member, model_.target(member), v[i], element,
                  path + "/" + std::to_string(i));
        }
    }

    void map(xmlNode* parent, const rapidjson::Value& reference, const rapidjson::Value& shape,
             const rapidjson::Value& v, const std::string& name, const std::string& path) {
        if (!v.IsObject()) throw ModelError(path, "must be an object");
        bool flat = bool_member(reference, "flattened") || bool_member(shape, "flattened");
        xmlNode* holder = flat ? nullptr : child(parent, name, reference, shape);
        std::string_view key_name = string_member(shape["key"], "locationName");
        std::string_view value_name = string_member(shape["value"], "locationName");
        for (const auto& entry : v.GetObject()) {
            xmlNode* e = flat ? child(parent, name, reference, shape)
                              : xmlNewChild(holder, nullptr, x("entry"), nullptr);
            xmlNode* key = xmlNewTextChild(
                e, nullptr, x(key_name.empty() ? "key" : std::string(key_name)),
                x(json_string(entry.name)));
            declare_namespace(key, shape["key"], model_.target(shape["key"]));
            value(e, shape["value"], model_.target(shape["value"]), entry.value,
                  value_name.empty() ? "value" : std::string(value_name),
                  path + "/" + json_string(entry.name));
        }
    }

    static std::string scalar(const rapidjson::Value& shape, const rapidjson::Value& v,
                              const std::string& path) {
        std::string_view type = shape_type(shape);
        if (type == "boolean" && v.IsBool()) return v.GetBool() ? "true" : "false";
        if ((type == "integer" || type == "long") && v.IsInt64()) {
            return std::to_string(v.GetInt64());
        }
        if ((type == "float" || type == "double") && v.IsNumber()) {
            return format_double(v.GetDouble());
        }
        if ((type == "float" || type == "double") && v.IsString()) return json_string(v);
        if (type == "timestamp" && v.IsNumber()) {
            std::string_view format = string_member(shape, "timestampFormat");
            if (format == "unixTimestamp") return format_epoch_seconds(v.GetDouble());
            if (format == "rfc822") return format_http_date(v.GetDouble());
            return format_iso8601(v.GetDouble());
        }
        if (type == "blob" && v.IsString()) return base64_encode(json_string(v));
        if (type == "string" && v.IsString()) return json_string(v);
        throw ModelError(path, "must be a " + std::string(type));
    }

    const Model& model_;
};

}  // namespace

std::string write_xml_structure(const Model& model, const rapidjson::Value& shape,
                                const rapidjson::Value& value, std::string_view root_name,
                                std::string_view xml_namespace,
                                std::string_view namespace_prefix) {
    xml::DocPtr doc(xmlNewDoc(x("1.0")));
    xmlNode* root = xmlNewNode(nullptr, x(std::string(root_name)));
    xmlDocSetRootElement(doc.get(), root);
    if (!xml_namespace.empty()) {
        std::string prefix(namespace_prefix);
        xmlNewNs(root, x(std::string(xml_namespace)), prefix.empty() ? nullptr : x(prefix));
    }
    XmlWriter(model).structure(root, shape, value, "");
    xmlBuffer* buffer = xmlBufferCreate();
    xmlNodeDump(buffer, doc.get(), root, 0, 0);
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                    static_cast<size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    return out;
}

}  // namespace tidepool::sdk::aws
