#include "providers/config_secrets.h"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "model/json_reader.h"

namespace tidepool::providers {
namespace {

using rapidjson::Document;
using rapidjson::Value;

std::string context_of(std::string_view config_id, std::string_view pointer) {
    return "provider-config/" + std::string(config_id) + std::string(pointer);
}

Result<Document> parse(std::string_view json) {
    Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject()) {
        return make_error(ErrorCode::invalid, "provider config is not a JSON object", "/config");
    }
    return doc;
}

std::string text_of(const Value& value) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    value.Accept(w);
    return buf.GetString();
}

bool is_sealed(const Value& v) {
    return v.IsString() &&
           secrets::Sealer::is_sealed(std::string_view(v.GetString(), v.GetStringLength()));
}

// Replaces a sealed string member with the value it holds.
Result<void> open_in_place(Value& v, Document& doc, const secrets::Sealer& sealer,
                           std::string_view config_id, const std::string& pointer) {
    auto plain = sealer.unseal(std::string_view(v.GetString(), v.GetStringLength()),
                               context_of(config_id, pointer));
    if (!plain) {
        return make_error(ErrorCode::internal, "stored secret " + pointer + " of provider config \"" +
                                                   std::string(config_id) + "\" " +
                                                   plain.error().message);
    }
    Document inner(&doc.GetAllocator());
    inner.Parse(plain->c_str(), plain->size());
    if (inner.HasParseError()) {
        return make_error(ErrorCode::internal, "stored secret " + pointer + " of provider config \"" +
                                                   std::string(config_id) + "\" is not JSON");
    }
    v.CopyFrom(inner, doc.GetAllocator());
    return {};
}

Result<void> unseal_walk(Value& v, Document& doc, const secrets::Sealer& sealer,
                         std::string_view config_id, const std::string& pointer) {
    if (is_sealed(v)) return open_in_place(v, doc, sealer, config_id, pointer);
    if (v.IsObject()) {
        for (auto& m : v.GetObject()) {
            std::string child = pointer + "/" +
                                model::escape_pointer_token(std::string_view(
                                    m.name.GetString(), m.name.GetStringLength()));
            if (auto r = unseal_walk(m.value, doc, sealer, config_id, child); !r) return r;
        }
    } else if (v.IsArray()) {
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            auto r = unseal_walk(v[i], doc, sealer, config_id, pointer + "/" + std::to_string(i));
            if (!r) return r;
        }
    }
    return {};
}

bool is_placeholder(const Value& v) {
    return v.IsString() && std::string_view(v.GetString(), v.GetStringLength()) == kRedacted;
}

}  // namespace

Result<std::string> keep_stored_secrets(std::string_view incoming,
                                        const std::optional<std::string>& stored,
                                        const std::vector<std::string>& secret_pointers,
                                        const secrets::Sealer& sealer, std::string_view config_id) {
    auto doc = parse(incoming);
    if (!doc) return doc.error();
    if (!stored) return text_of(*doc);
    auto old = parse(*stored);
    if (!old) return old.error();
    for (const auto& pointer : secret_pointers) {
        rapidjson::Pointer p(pointer.c_str());
        const Value* now = p.Get(*doc);
        if (now && !is_placeholder(*now)) continue;
        Value* kept = p.Get(*old);
        if (!kept) continue;
        if (is_sealed(*kept)) {
            if (auto r = open_in_place(*kept, *old, sealer, config_id, pointer); !r) {
                return r.error();
            }
        }
        p.Set(*doc, *kept, doc->GetAllocator());
    }
    return text_of(*doc);
}

Result<std::string> seal_secret_members(std::string_view config_json,
                                        const std::vector<std::string>& secret_pointers,
                                        const secrets::Sealer& sealer, std::string_view config_id) {
    auto doc = parse(config_json);
    if (!doc) return doc.error();
    for (const auto& pointer : secret_pointers) {
        Value* v = rapidjson::Pointer(pointer.c_str()).Get(*doc);
        if (!v || is_sealed(*v)) continue;
        const std::string sealed = sealer.seal(text_of(*v), context_of(config_id, pointer));
        v->SetString(sealed.c_str(), static_cast<rapidjson::SizeType>(sealed.size()),
                     doc->GetAllocator());
    }
    return text_of(*doc);
}

Result<std::string> unseal_secret_members(std::string_view config_json,
                                          const secrets::Sealer& sealer,
                                          std::string_view config_id) {
    auto doc = parse(config_json);
    if (!doc) return doc.error();
    if (auto r = unseal_walk(*doc, *doc, sealer, config_id, ""); !r) return r.error();
    return text_of(*doc);
}

}  // namespace tidepool::providers
