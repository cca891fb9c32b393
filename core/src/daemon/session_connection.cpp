#include "daemon/session_connection.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "connect/descriptor_json.h"

namespace tidepool::daemon {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_error(Writer& w, const Error& error) {
    w.Key("connection");
    w.Null();
    w.Key("connection_error");
    w.StartObject();
    w.Key("code");
    w.String(to_string(error.code));
    w.Key("message");
    w.String(error.message.c_str(), static_cast<rapidjson::SizeType>(error.message.size()));
    w.EndObject();
}

// The members as a fragment: a writer needs an enclosing object, whose braces
// are dropped.
std::string connection_members(runtime::Runtime& runtime, const model::Id& session_id,
                               bool with_credentials) {
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    auto d = runtime.connection_for(session_id, with_credentials);
    if (d.ok()) {
        w.Key("connection");
        connect::write_descriptor(w, d.value());
    } else {
        write_error(w, d.error());
    }
    w.EndObject();
    std::string text(b.GetString(), b.GetSize());
    return text.substr(1, text.size() - 2);
}

}  // namespace

std::string with_connection(runtime::Runtime& runtime, std::string object_json,
                            const model::Id& session_id, bool placed, bool with_credentials) {
    if (!placed || object_json.size() < 2 || object_json.back() != '}') return object_json;
    object_json.pop_back();
    if (object_json.back() != '{') object_json += ',';
    object_json += connection_members(runtime, session_id, with_credentials);
    object_json += '}';
    return object_json;
}

}  // namespace tidepool::daemon
