#include "cli/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/table.h"

namespace tidepool::cli {
namespace {

std::string number_text(const rapidjson::Value& v) {
    if (v.IsInt64()) return std::to_string(v.GetInt64());
    if (v.IsUint64()) return std::to_string(v.GetUint64());
    double d = v.GetDouble();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char text[32];
    std::snprintf(text, sizeof text, "%g", d);
    return text;
}

std::string compact(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

// Nested objects in key/value output: "starting 1, running 5".
std::string inline_object(const rapidjson::Value& obj) {
    std::string out;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        if (!out.empty()) out += ", ";
        out += std::string(it->name.GetString()) + " " + cell(&it->value);
    }
    return out.empty() ? "-" : out;
}

void flatten(const rapidjson::Value& obj, const std::string& prefix, std::string& out) {
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        std::string key = prefix + it->name.GetString();
        if (it->value.IsObject()) {
            flatten(it->value, key + ".", out);
            continue;
        }
        if (!out.empty()) out += ' ';
        out += key + "=" + cell(&it->value);
    }
}

}  // namespace

const rapidjson::Value* member(const rapidjson::Value& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::string cell(const rapidjson::Value* v) {
    if (!v || v->IsNull()) return "-";
    if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
    if (v->IsBool()) return v->GetBool() ? "true" : "false";
    if (v->IsNumber()) return number_text(*v);
    if (v->IsArray()) {
        std::string out;
        for (const auto& item : v->GetArray()) out += (out.empty() ? "" : ",") + cell(&item);
        return out.empty() ? "-" : out;
    }
    return compact(*v);
}

std::string cell(const rapidjson::Value& obj, const char* name) { return cell(member(obj, name)); }

std::string duration_text(double seconds) {
    if (!(seconds >= 0)) return "-";
    auto s = static_cast<long long>(std::llround(seconds));
    char text[32];
    if (s < 60) std::snprintf(text, sizeof text, "%llds", s);
    else if (s < 3600) std::snprintf(text, sizeof text, "%lldm%02llds", s / 60, s % 60);
    else if (s < 86400) std::snprintf(text, sizeof text, "%lldh%02lldm", s / 3600, s % 3600 / 60);
    else std::snprintf(text, sizeof text, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
    return text;
}

void print_key_values(std::ostream& out, const rapidjson::Value& obj) {
    if (!obj.IsObject()) {
        out << cell(&obj) << "\n";
        return;
    }
    std::size_t width = 0;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        width = std::max(width, display_width(it->name.GetString()));
    }
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        std::string key = it->name.GetString();
        std::string value = it->value.IsObject() ? inline_object(it->value) : cell(&it->value);
        bool seconds = key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0;
        if (seconds && it->value.IsNumber() && it->value.GetDouble() >= 60) {
            value += " (" + duration_text(it->value.GetDouble()) + ")";
        }
        out << key << std::string(width - display_width(key) + 2, ' ') << value << "\n";
    }
}

std::string pretty_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError()) return text;
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    doc.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string api_error_message(long status, const std::string& body) {
    rapidjson::Document doc;
    doc.Parse(body.c_str(), body.size());
    const rapidjson::Value* error = doc.HasParseError() ? nullptr : member(doc, "error");
    const rapidjson::Value* message = error ? member(*error, "message") : nullptr;
    if (message && message->IsString() && message->GetStringLength() > 0) {
        std::string out = message->GetString();
        const rapidjson::Value* field = member(*error, "field");
        if (field && field->IsString() && field->GetStringLength() > 0) {
            out += std::string(" (field ") + field->GetString() + ")";
        }
        const rapidjson::Value* code = member(*error, "code");
        if (code && code->IsString() && std::string(code->GetString()) == "unauthenticated") {
            out += " (set --api-key-file or TIDEPOOL_API_KEY)";
        }
        return out;
    }
    std::string out = "tidepoold answered HTTP " + std::to_string(status);
    std::string first_line = body.substr(0, body.find('\n'));
    if (first_line.size() > 200) first_line = first_line.substr(0, 200) + "...";
    if (!first_line.empty()) out += ": " + first_line;
    return out;
}

std::string flat_pairs(const rapidjson::Value& obj) {
    std::string out;
    if (obj.IsObject()) flatten(obj, "", out);
    return out;
}

}  // namespace tidepool::cli
