#include "tidepool/sdk/aws/query_serializer.h"

#include <tidepool/sdk/auth/uri.h>

#include <cmath>
#include <utility>
#include <vector>

#include "tidepool/sdk/aws/codec.h"

namespace tidepool::sdk::aws {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string capitalised(std::string_view name) {
    std::string out(name);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
}

// The ec2 protocol's wire name for a member: queryName, else locationName, else the member
// name, the last two with their first letter upper-cased.
std::string wire_name(const rapidjson::Value& member, std::string_view member_name) {
    std::string_view query = string_member(member, "queryName");
    if (!query.empty()) return std::string(query);
    std::string_view location = string_member(member, "locationName");
    return capitalised(location.empty() ? member_name : location);
}

std::string join(const std::string& prefix, std::string_view name) {
    return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

class QueryWriter {
public:
    QueryWriter(const Model& model, const QueryOptions& options)
        : model_(model), options_(options) {}

    void value(const rapidjson::Value& shape, const rapidjson::Value& v, const std::string& key,
               const std::string& path) {
        std::string_view type = shape_type(shape);
        if (type == "structure") return structure(shape, v, key, path);
        if (type == "list") return list(shape, v, key, path);
        if (type == "map") throw ModelError(path, "maps do not exist in the ec2 protocol");
        out_.emplace_back(key, scalar(shape, v, path));
    }

    void structure(const rapidjson::Value& shape, const rapidjson::Value& v,
                   const std::string& prefix, const std::string& path) {
        if (!v.IsObject()) throw ModelError(path, "must be an object");
        const rapidjson::Value& members = shape["members"];
        for (const auto& entry : v.GetObject()) {
            std::string name(entry.name.GetString(), entry.name.GetStringLength());
            std::string member_path = path + "/" + name;
            auto found = members.FindMember(entry.name);
            if (found == members.MemberEnd()) {
                throw ModelError(member_path, "is not a member of this request in the AWS model");
            }
            value(model_.target(found->value), entry.value,
                  join(prefix, wire_name(found->value, name)), member_path);
        }
        fill_idempotency_tokens(members, v, prefix);
    }

    void list(const rapidjson::Value& shape, const rapidjson::Value& v, const std::string& prefix,
              const std::string& path) {
        if (!v.IsArray()) throw ModelError(path, "must be an array");
        const rapidjson::Value& element = model_.target(shape["member"]);
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            value(element, v[i], prefix + "." + std::to_string(i + 1),
                  path + "/" + std::to_string(i));
        }
    }

    Pairs take() { return std::move(out_); }

private:
    void fill_idempotency_tokens(const rapidjson::Value& members, const rapidjson::Value& v,
                                 const std::string& prefix) {
        if (!options_.idempotency_token) return;
        for (const auto& member : members.GetObject()) {
            if (bool_member(member.value, "idempotencyToken") && !v.HasMember(member.name)) {
                std::string_view name(member.name.GetString(), member.name.GetStringLength());
                out_.emplace_back(join(prefix, wire_name(member.value, name)),
                                  options_.idempotency_token());
            }
        }
    }

    static std::string scalar(const rapidjson::Value& shape, const rapidjson::Value& v,
                              const std::string& path) {
        std::string_view type = shape_type(shape);
        if (type == "string") {
            if (!v.IsString()) throw ModelError(path, "must be a string");
            return std::string(v.GetString(), v.GetStringLength());
        }
        if (type == "boolean") {
            if (!v.IsBool()) throw ModelError(path, "must be true or false");
            return v.GetBool() ? "true" : "false";
        }
        if (type == "integer" || type == "long") {
            if (!v.IsInt64()) throw ModelError(path, "must be an integer");
            return std::to_string(v.GetInt64());
        }
        if (type == "float" || type == "double") return number(v, path);
        if (type == "timestamp") return timestamp(shape, v, path);
        if (type == "blob") {
            if (!v.IsString()) throw ModelError(path, "must be a string");
            return base64_encode(std::string_view(v.GetString(), v.GetStringLength()));
        }
        throw ModelError(path, "has a shape type this serializer does not know: " +
                                   std::string(type));
    }

    static std::string number(const rapidjson::Value& v, const std::string& path) {
        if (v.IsNumber()) return format_double(v.GetDouble());
        std::string_view text = v.IsString() ? v.GetString() : "";
        if (text == "NaN" || text == "Infinity" || text == "-Infinity") return std::string(text);
        throw ModelError(path, "must be a number");
    }

    static std::string timestamp(const rapidjson::Value& shape, const rapidjson::Value& v,
                                 const std::string& path) {
        std::optional<double> seconds;
        if (v.IsNumber()) seconds = v.GetDouble();
        if (v.IsString()) seconds = parse_timestamp(v.GetString());
        if (!seconds) throw ModelError(path, "must be a timestamp");
        std::string_view format = string_member(shape, "timestampFormat");
        if (format == "unixTimestamp") return format_epoch_seconds(*seconds);
        if (format == "rfc822") return format_http_date(*seconds);
        return format_iso8601(*seconds);
    }

    const Model& model_;
    const QueryOptions& options_;
    Pairs out_;
};

}  // namespace

std::string serialize_ec2_query(const Model& model, std::string_view action,
                                std::string_view api_version, std::string_view input_shape,
                                const rapidjson::Value& params, const QueryOptions& options) {
    Pairs pairs;
    if (!input_shape.empty()) {
        QueryWriter writer(model, options);
        writer.structure(model.shape(input_shape), params, "", "");
        pairs = writer.take();
    }
    std::string body = "Action=" + auth::uri_encode(action, true) +
                       "&Version=" + auth::uri_encode(api_version, true);
    for (const auto& [key, value] : pairs) {
        body += "&" + auth::uri_encode(key, true) + "=" + auth::uri_encode(value, true);
    }
    return body;
}

}  // namespace tidepool::sdk::aws
