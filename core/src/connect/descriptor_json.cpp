#include "connect/descriptor_json.h"

#include <rapidjson/document.h>

#include "model/enums.h"

namespace tidepool::connect {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void put_info(Writer& w, const std::string& info_json) {
    w.Key("info");
    rapidjson::Document doc;
    if (info_json.empty() || doc.Parse(info_json.c_str()).HasParseError() || !doc.IsObject()) {
        w.StartObject();
        w.EndObject();
        return;
    }
    doc.Accept(w);
}

void put_credentials(Writer& w, const std::optional<Credentials>& c) {
    w.Key("credentials");
    if (!c) {
        w.Null();
        return;
    }
    w.StartObject();
    put(w, "username", c->username);
    put(w, "password", c->password);
    put(w, "private_key", c->private_key);
    put(w, "private_key_passphrase", c->private_key_passphrase);
    w.EndObject();
}

}  // namespace

void write_descriptor(Writer& w, const ConnectionDescriptor& d) {
    w.StartObject();
    put(w, "address", d.address);
    put(w, "address_source", d.address_source);
    put(w, "type", model::to_string(d.type));
    w.Key("port");
    w.Int(d.port);
    put_info(w, d.info_json);
    put(w, "credential_type", model::to_string(d.credential_type));
    w.Key("smartcard_required");
    w.Bool(d.smartcard_required);
    put_credentials(w, d.credentials);
    w.EndObject();
}

}  // namespace tidepool::connect
