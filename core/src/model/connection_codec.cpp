#include "model/connection_codec.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "model/enums.h"

namespace tidepool::model {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(Writer& w, const char* name, bool value) {
    w.Key(name);
    w.Bool(value);
}

std::string text(const rapidjson::Value& doc, const char* name) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsString()) return {};
    return {it->value.GetString(), it->value.GetStringLength()};
}

bool flag(const rapidjson::Value& doc, const char* name) {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

}  // namespace

std::string connection_to_storage_json(const ConnectionSettings& s) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    put(w, "credential_type", std::string(to_string(s.credential_type)));
    put(w, "sso_domain", s.sso_domain);
    put(w, "username", s.username);
    put(w, "password", s.password);
    put(w, "use_user_ssh_key", s.use_user_ssh_key);
    put(w, "private_key", s.private_key);
    put(w, "private_key_passphrase", s.private_key_passphrase);
    put(w, "info_json", s.info_json);
    put(w, "desktop_service_installed", s.desktop_service_installed);
    put(w, "nginx_cert", s.nginx_cert);
    put(w, "nginx_key", s.nginx_key);
    w.EndObject();
    return buffer.GetString();
}

Result<ConnectionSettings> connection_from_storage_json(const std::string& stored) {
    ConnectionSettings s;
    if (stored.empty()) return s;  // rows written before connection settings existed
    rapidjson::Document doc;
    doc.Parse(stored.c_str(), stored.size());
    auto type = doc.IsObject() ? parse_enum<CredentialType>(text(doc, "credential_type"))
                               : std::nullopt;
    if (doc.HasParseError() || !type)
        return make_error(ErrorCode::internal, "stored connection settings are unreadable");
    s.credential_type = *type;
    s.sso_domain = text(doc, "sso_domain");
    s.username = text(doc, "username");
    s.password = text(doc, "password");
    s.use_user_ssh_key = flag(doc, "use_user_ssh_key");
    s.private_key = text(doc, "private_key");
    s.private_key_passphrase = text(doc, "private_key_passphrase");
    s.info_json = text(doc, "info_json");
    s.desktop_service_installed = flag(doc, "desktop_service_installed");
    s.nginx_cert = text(doc, "nginx_cert");
    s.nginx_key = text(doc, "nginx_key");
    return s;
}

}  // namespace tidepool::model
