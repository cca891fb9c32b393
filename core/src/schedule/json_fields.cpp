#include "schedule/json_fields.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "schedule/parse.h"

namespace tidepool::schedule {

namespace {
constexpr std::size_t kMaxValueText = 200;
}  // namespace

std::string json_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    std::string text(buffer.GetString(), buffer.GetSize());
    if (text.size() <= kMaxValueText) return text;
    std::size_t cut = kMaxValueText;
    // Back up to a UTF-8 lead byte so the message stays valid text.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "...";
}

std::string join(std::initializer_list<std::string_view> words) {
    std::string out;
    for (const auto word : words) {
        if (!out.empty()) out += ", ";
        out += word;
    }
    return out;
}

void FieldReader::fail(std::string pointer, const rapidjson::Value* value, std::string message) {
    errors_.push_back(
        {std::move(pointer), value ? json_text(*value) : std::string(), std::move(message)});
}

bool FieldReader::object(const rapidjson::Value& value, std::string_view pointer,
                         std::initializer_list<std::string_view> allowed,
                         std::string_view expected) {
    if (!value.IsObject()) {
        fail(std::string(pointer), &value, std::string(expected));
        return false;
    }
    for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
        const std::string_view name(it->name.GetString(), it->name.GetStringLength());
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        fail(pointer_append(pointer, name), &it->value,
             "unknown field \"" + std::string(name) + "\"; allowed fields: " + join(allowed));
    }
    return true;
}

const rapidjson::Value* FieldReader::require(const rapidjson::Value& object,
                                             std::string_view pointer, const char* key,
                                             std::string_view expected) {
    const auto it = object.FindMember(key);
    if (it != object.MemberEnd()) return &it->value;
    fail(pointer_append(pointer, key), nullptr,
         "missing required field \"" + std::string(key) + "\"; " + std::string(expected));
    return nullptr;
}

std::optional<std::string_view> FieldReader::string(const rapidjson::Value& value,
                                                    const std::string& pointer,
                                                    std::string_view expected) {
    if (value.IsString()) return std::string_view(value.GetString(), value.GetStringLength());
    fail(pointer, &value, std::string(expected));
    return std::nullopt;
}

}  // namespace tidepool::schedule
