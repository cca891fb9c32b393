#include "model/json_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tidepool::model {
namespace {

constexpr std::size_t kMaxRendered = 60;

std::string_view view(const rapidjson::Value& v) {
    return {v.GetString(), v.GetStringLength()};
}

const char* type_name(const rapidjson::Value& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType: return "null";
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return "a boolean";
        case rapidjson::kObjectType: return "an object";
        case rapidjson::kArrayType: return "an array";
        case rapidjson::kStringType: return "a string";
        case rapidjson::kNumberType: return "a number";
    }
    return "a value";
}

// Levenshtein distance, to suggest the member a typo probably meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string range_text(std::int64_t min, std::int64_t max) {
    if (max >= std::numeric_limits<int>::max()) {
        return "an integer of at least " + std::to_string(min);
    }
    return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string minimum_text(double min) {
    return min == 0 ? std::string("a number of at least 0")
                    : "a number of at least " + std::to_string(min);
}

}  // namespace

const char* const kIdRule =
    "1 to 63 characters from a-z, 0-9, '-', '_' and '.', starting with a letter or digit";

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string render_value(const rapidjson::Value& value, Secrecy secrecy) {
    if (secrecy == Secrecy::secret && (value.IsString() || value.IsObject() || value.IsArray())) {
        return std::string("(") + type_name(value) + ", value hidden)";
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    std::string out(buffer.GetString(), buffer.GetSize());
    if (out.size() > kMaxRendered) out = out.substr(0, kMaxRendered) + "…";
    return out;
}

bool is_valid_id(std::string_view text) {
    if (text.empty() || text.size() > 63) return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(text[0])) return false;
    return std::all_of(text.begin(), text.end(),
                       [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

ObjectReader::ObjectReader(const rapidjson::Value& object, std::string_view pointer_prefix,
                           const char* what)
    : object_(object), prefix_(pointer_prefix), what_(what) {
    if (!object_.IsObject()) {
        record(prefix_, std::string("expected ") + what_ + " as a JSON object, got " +
                            type_name(object_));
    }
}

std::string ObjectReader::pointer(std::string_view name) const {
    return prefix_ + "/" + escape_pointer_token(name);
}

void ObjectReader::record(std::string field, std::string message) {
    if (!error_) error_ = Error{ErrorCode::invalid, std::move(message), std::move(field)};
}

void ObjectReader::fail(const char* name, std::string message) {
    record(pointer(name), std::move(message));
}

void ObjectReader::fail_at(std::string field, std::string message) {
    record(std::move(field), std::move(message));
}

const rapidjson::Value* ObjectReader::find(const char* name) {
    known_.emplace_back(name);
    if (!object_.IsObject()) return nullptr;
    auto it = object_.FindMember(name);
    return it == object_.MemberEnd() ? nullptr : &it->value;
}

void ObjectReader::refuse(const char* name, const rapidjson::Value& value, const std::string& use,
                          Secrecy secrecy) {
    fail(name, std::string("\"") + name + "\": " + render_value(value, secrecy) +
                   " is not allowed; use " + use);
}

void ObjectReader::id(const char* name, Id& out, bool required) {
    const rapidjson::Value* v = find(name);
    // An optional reference may be written as null or "" (what the encoder writes for none).
    const bool absent = v == nullptr || (!required && (v->IsNull() || (v->IsString() &&
                                                                     v->GetStringLength() == 0)));
    if (absent) {
        if (required && object_.IsObject()) {
            fail(name, std::string("\"") + name + "\" is missing; it is required (" + kIdRule +
                           ")");
        }
        out.clear();
        return;
    }
    if (!v->IsString() || !is_valid_id(view(*v))) {
        refuse(name, *v, std::string("an id of ") + kIdRule, Secrecy::plain);
        return;
    }
    out.assign(v->GetString(), v->GetStringLength());
}

void ObjectReader::text(const char* name, std::string& out, bool required, Secrecy secrecy) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) {
        if (required && object_.IsObject()) {
            fail(name, std::string("\"") + name + "\" is missing; it is required (a string)");
        }
        return;
    }
    if (!v->IsString()) {
        refuse(name, *v, "a string", secrecy);
        return;
    }
    out.assign(v->GetString(), v->GetStringLength());
}

void ObjectReader::integer(const char* name, int& out, std::int64_t min, std::int64_t max) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) return;
    if (!v->IsInt64() || v->GetInt64() < min || v->GetInt64() > max) {
        refuse(name, *v, range_text(min, max), Secrecy::plain);
        return;
    }
    out = static_cast<int>(v->GetInt64());
}

void ObjectReader::number(const char* name, double& out, double min) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) return;
    if (!v->IsNumber() || !std::isfinite(v->GetDouble()) || v->GetDouble() < min) {
        refuse(name, *v, minimum_text(min), Secrecy::plain);
        return;
    }
    out = v->GetDouble();
}

void ObjectReader::optional_number(const char* name, std::optional<double>& out, double min) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr || v->IsNull()) {
        out.reset();
        return;
    }
    if (!v->IsNumber() || !std::isfinite(v->GetDouble()) || v->GetDouble() < min) {
        refuse(name, *v, minimum_text(min) + ", or null for none", Secrecy::plain);
        return;
    }
    out = v->GetDouble();
}

void ObjectReader::boolean(const char* name, bool& out) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) return;
    if (!v->IsBool()) {
        refuse(name, *v, "true or false", Secrecy::plain);
        return;
    }
    out = v->GetBool();
}

void ObjectReader::choice(const char* name, std::string& out,
                          std::span<const char* const> allowed) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) return;
    if (v->IsString()) {
        for (const char* candidate : allowed) {
            if (view(*v) == candidate) {
                out = candidate;
                return;
            }
        }
    }
    refuse(name, *v, describe_choices(allowed), Secrecy::plain);
}

const rapidjson::Value* ObjectReader::member(const char* name, rapidjson::Type type,
                                             const char* use, Secrecy secrecy) {
    const rapidjson::Value* v = find(name);
    if (v == nullptr) return nullptr;
    const bool matches = v->GetType() == type ||
                         (type == rapidjson::kTrueType && v->IsBool());
    if (!matches) {
        refuse(name, *v, use, secrecy);
        return nullptr;
    }
    return v;
}

Result<void> ObjectReader::finish() const {
    if (object_.IsObject()) {
        for (const auto& m : object_.GetObject()) {
            const std::string_view name = view(m.name);
            if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
            std::string message = "\"" + std::string(name) + "\" is not a member of " + what_;
            const std::string_view* best = nullptr;
            std::size_t best_distance = 3;  // suggest only close matches
            for (const auto& candidate : known_) {
                const std::size_t d = edit_distance(name, candidate);
                if (d < best_distance) {
                    best_distance = d;
                    best = &candidate;
                }
            }
            if (best != nullptr) {
                message += "; did you mean \"" + std::string(*best) + "\"?";
            } else {
                message += "; allowed members are ";
                for (std::size_t i = 0; i < known_.size(); ++i) {
                    message += (i == 0 ? "" : ", ") + std::string(known_[i]);
                }
            }
            return Error{ErrorCode::invalid, std::move(message), pointer(name)};
        }
    }
    if (error_) return *error_;
    return {};
}

}  // namespace tidepool::model
