#include <tidepool/sdk/auth/uri.h>

#include "tidepool/sdk/aws/codec.h"
#include "tidepool/sdk/aws/rest_xml.h"

namespace tidepool::sdk::aws {

namespace {

std::string text_of(const rapidjson::Value& shape, const rapidjson::Value& v,
                    std::string_view location) {
    std::string_view type = shape_type(shape);
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    if (type == "timestamp" && v.IsNumber()) {
        std::string_view format = string_member(shape, "timestampFormat");
        if (format == "unixTimestamp") return format_epoch_seconds(v.GetDouble());
        if (format == "iso8601" || (format.empty() && location != "header")) {
            return format_iso8601(v.GetDouble());
        }
        return format_http_date(v.GetDouble());
    }
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsNumber()) return format_double(v.GetDouble());
    throw ModelError("", "cannot be sent in the " + std::string(location));
}

class RestBinder {
public:
    RestBinder(const Model& model, RestRequest& out) : model_(model), out_(out) {}

    void uri(const rapidjson::Value& shape, const rapidjson::Value& v, const std::string& label) {
        std::string value = text_of(shape, v, "uri");
        for (bool greedy : {false, true}) {
            std::string placeholder = "{" + label + (greedy ? "+}" : "}");
            size_t at = out_.path.find(placeholder);
            if (at != std::string::npos) {
                out_.path.replace(at, placeholder.size(), auth::uri_encode(value, !greedy));
            }
        }
    }

    void query(const rapidjson::Value& shape, const rapidjson::Value& v, const std::string& key) {
        std::string_view type = shape_type(shape);
        if (type == "list") {
            for (const auto& item : v.GetArray()) query(model_.target(shape["member"]), item, key);
        } else if (type == "map") {
            const auto& value_shape = model_.target(shape["value"]);
            for (const auto& entry : v.GetObject()) {
                query(value_shape, entry.value,
                      std::string(entry.name.GetString(), entry.name.GetStringLength()));
            }
        } else {
            add_query(key, text_of(shape, v, "querystring"));
        }
    }

    void header(const rapidjson::Value& shape, const rapidjson::Value& v, const std::string& name) {
        if (shape_type(shape) == "list") {
            std::string joined;
            for (const auto& item : v.GetArray()) {
                joined += (joined.empty() ? "" : ", ") +
                          text_of(model_.target(shape["member"]), item, "header");
            }
            out_.headers.emplace_back(name, joined);
            return;
        }
        out_.headers.emplace_back(name, text_of(shape, v, "header"));
    }

    void prefixed_headers(const rapidjson::Value& shape, const rapidjson::Value& v,
                          const std::string& prefix) {
        for (const auto& entry : v.GetObject()) {
            out_.headers.emplace_back(
                prefix + std::string(entry.name.GetString(), entry.name.GetStringLength()),
                text_of(model_.target(shape["value"]), entry.value, "header"));
        }
    }

private:
    void add_query(const std::string& key, const std::string& value) {
        out_.query += (out_.query.empty() ? "" : "&") + auth::uri_encode(key, true) + "=" +
                      auth::uri_encode(value, true);
    }

    const Model& model_;
    RestRequest& out_;
};

// Splits "/path?fixed=1" into the path and its constant query.
void split_request_uri(const std::string& request_uri, RestRequest& out) {
    size_t q = request_uri.find('?');
    out.path = request_uri.substr(0, q);
    if (q != std::string::npos) out.query = request_uri.substr(q + 1);
}

// A structure payload is its own document, named by the member's own XML name when it differs
// from the member name, else the shape's XML name, else the shape's name; the namespace is the
// member reference's or the shape's.
std::string payload_xml(const Model& model, const std::string& member_name,
                        const rapidjson::Value& reference, const rapidjson::Value& target,
                        const rapidjson::Value& value) {
    std::string root(string_member(reference, "locationName"));
    if (root.empty() || root == member_name) root = string_member(target, "locationName");
    if (root.empty()) root = string_member(reference, "shape");
    std::string uri, prefix;
    if (!xml_namespace(reference, uri, prefix)) xml_namespace(target, uri, prefix);
    return write_xml_structure(model, target, value, root, uri, prefix);
}

}  // namespace

RestOperation rest_operation(const Model& model, std::string_view operation_name) {
    const auto& op = model.operation(operation_name);
    RestOperation out;
    out.method = string_member(op["http"], "method");
    out.request_uri = string_member(op["http"], "requestUri");
    if (op.HasMember("input")) {
        const auto& input = op["input"];
        out.input_shape = string_member(input, "shape");
        out.root_name = string_member(input, "locationName");
        std::string prefix;
        xml_namespace(input, out.xml_namespace, prefix);
    }
    return out;
}

RestRequest serialize_rest_xml(const Model& model, const RestOperation& op,
                               const rapidjson::Value& params) {
    RestRequest out;
    out.method = op.method;
    split_request_uri(op.request_uri, out);
    if (op.input_shape.empty()) return out;
    const auto& shape = model.shape(op.input_shape);
    if (!params.IsObject()) throw ModelError("", "must be an object");
    RestBinder binder(model, out);
    std::string_view payload = string_member(shape, "payload");
    rapidjson::Document body(rapidjson::kObjectType);
    for (const auto& entry : params.GetObject()) {
        if (entry.value.IsNull()) continue;  // null means "not set"
        std::string name(entry.name.GetString(), entry.name.GetStringLength());
        auto found = shape["members"].FindMember(entry.name);
        if (found == shape["members"].MemberEnd()) {
            throw ModelError("/" + name, "is not a member of this request");
        }
        const auto& reference = found->value;
        const auto& target = model.target(reference);
        std::string location(string_member(reference, "location"));
        std::string wire(string_member(reference, "locationName"));
        if (wire.empty()) wire = name;
        if (location == "uri") {
            binder.uri(target, entry.value, wire);
        } else if (location == "querystring") {
            binder.query(target, entry.value, wire);
        } else if (location == "header") {
            binder.header(target, entry.value, wire);
        } else if (location == "headers") {
            binder.prefixed_headers(target, entry.value, wire);
        } else if (name == payload) {
            if (shape_type(target) == "structure") {
                out.body = payload_xml(model, name, reference, target, entry.value);
            } else if (entry.value.IsString()) {
                out.body.assign(entry.value.GetString(), entry.value.GetStringLength());
            }
        } else {
            body.AddMember(rapidjson::Value(entry.name, body.GetAllocator()),
                           rapidjson::Value(entry.value, body.GetAllocator()),
                           body.GetAllocator());
        }
    }
    if (body.MemberCount() > 0) {
        // The input shape's own XML name wins over the operation's (botocore does the same).
        std::string root(string_member(shape, "locationName"));
        if (root.empty()) root = op.root_name.empty() ? op.input_shape : op.root_name;
        std::string ns = op.xml_namespace, prefix;
        if (ns.empty()) xml_namespace(shape, ns, prefix);
        out.body = write_xml_structure(model, shape, body, root, ns, prefix);
    }
    return out;
}

}  // namespace tidepool::sdk::aws
