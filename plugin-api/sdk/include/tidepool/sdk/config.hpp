// Reading a provider config with RapidJSON: typed getters with defaults, and errors that name
// the JSON pointer of the bad field (TP_ERR_INVALID_CONFIG with err->field set).
//
// The host has already validated the config against the plugin's schema, so these checks are a
// second line of defence (and the first for plugins run outside the host, e.g. in tests).
//
//     ConfigReader cfg = ConfigReader::parse(config_json);     // throws ProviderError
//     std::string dir = cfg.get_string("state_dir");            // required
//     int64_t max = cfg.get_int("max_instances", 10, 0);        // default 10, minimum 0
//     ConfigReader auth = cfg.object("auth");                   // nested, pointer "/auth/..."
#pragma once

#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidepool::sdk {

class ConfigReader {
public:
    // Parses a config document whose root must be an object.
    static ConfigReader parse(std::string_view json) {
        auto doc = std::make_shared<rapidjson::Document>();
        doc->Parse(json.data(), json.size());
        if (doc->HasParseError()) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                std::string("config is not valid JSON: ") +
                                    rapidjson::GetParseError_En(doc->GetParseError()) +
                                    " at offset " + std::to_string(doc->GetErrorOffset()));
        }
        if (!doc->IsObject()) throw invalid("", "must be an object");
        const rapidjson::Value* root = doc.get();
        return ConfigReader(std::move(doc), root, "");
    }
    static ConfigReader parse(tp_str json) { return parse(view(json)); }

    bool has(std::string_view name) const { return find(name) != nullptr; }

    std::string get_string(std::string_view name,
                           std::optional<std::string> fallback = std::nullopt) const {
        const rapidjson::Value* v = find(name);
        if (!v) return required(name, std::move(fallback));
        if (!v->IsString()) throw invalid(pointer(name), "must be a string");
        return std::string(v->GetString(), v->GetStringLength());
    }

    int64_t get_int(std::string_view name, std::optional<int64_t> fallback = std::nullopt,
                    std::optional<int64_t> min = std::nullopt,
                    std::optional<int64_t> max = std::nullopt) const {
        const rapidjson::Value* v = find(name);
        if (!v) return required(name, fallback);
        if (!v->IsInt64()) throw invalid(pointer(name), "must be an integer");
        int64_t value = v->GetInt64();
        if ((min && value < *min) || (max && value > *max)) {
            throw invalid(pointer(name), "is " + std::to_string(value) + ", allowed " +
                                             (min ? std::to_string(*min) : "..") + " to " +
                                             (max ? std::to_string(*max) : ".."));
        }
        return value;
    }

    double get_number(std::string_view name, std::optional<double> fallback = std::nullopt) const {
        const rapidjson::Value* v = find(name);
        if (!v) return required(name, fallback);
        if (!v->IsNumber()) throw invalid(pointer(name), "must be a number");
        return v->GetDouble();
    }

    bool get_bool(std::string_view name, std::optional<bool> fallback = std::nullopt) const {
        const rapidjson::Value* v = find(name);
        if (!v) return required(name, fallback);
        if (!v->IsBool()) throw invalid(pointer(name), "must be true or false");
        return v->GetBool();
    }

    std::vector<std::string> get_string_list(std::string_view name) const {
        std::vector<std::string> out;
        const rapidjson::Value* v = find(name);
        if (!v) return out;
        if (!v->IsArray()) throw invalid(pointer(name), "must be an array of strings");
        for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
            const auto& item = (*v)[i];
            if (!item.IsString()) {
                throw invalid(pointer(name) + "/" + std::to_string(i), "must be a string");
            }
            out.emplace_back(item.GetString(), item.GetStringLength());
        }
        return out;
    }

    // A reader for a nested object; missing means an empty object (all defaults apply).
    ConfigReader object(std::string_view name) const {
        const rapidjson::Value* v = find(name);
        if (v && !v->IsObject()) throw invalid(pointer(name), "must be an object");
        return ConfigReader(doc_, v ? v : &empty_object(), pointer(name));
    }

    // The raw value (NULL when absent), for shapes the getters do not cover.
    const rapidjson::Value* find(std::string_view name) const {
        auto it =
            value_->FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())));
        return it == value_->MemberEnd() ? nullptr : &it->value;
    }

    // The JSON pointer of member `name` of this object, escaped per RFC 6901.
    std::string pointer(std::string_view name) const {
        std::string out = base_ + "/";
        for (char c : name) {
            if (c == '~')
                out += "~0";
            else if (c == '/')
                out += "~1";
            else
                out += c;
        }
        return out;
    }

private:
    ConfigReader(std::shared_ptr<rapidjson::Document> doc, const rapidjson::Value* value,
                 std::string base)
        : doc_(std::move(doc)), value_(value), base_(std::move(base)) {}

    static ProviderError invalid(const std::string& field, const std::string& what) {
        std::string where = field.empty() ? "config" : "config field " + field;
        return ProviderError(TP_ERR_INVALID_CONFIG, where + " " + what, field);
    }

    template <class T>
    T required(std::string_view name, std::optional<T> fallback) const {
        if (!fallback) throw invalid(pointer(name), "is required");
        return std::move(*fallback);
    }

    static const rapidjson::Value& empty_object() {
        static const rapidjson::Value kEmpty(rapidjson::kObjectType);
        return kEmpty;
    }

    std::shared_ptr<rapidjson::Document> doc_;  // keeps value_ alive
    const rapidjson::Value* value_;
    std::string base_;
};

}  // namespace tidepool::sdk
