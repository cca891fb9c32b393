#include "runtime/events_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "model/json_codec.h"

namespace tidepool::runtime {

std::string to_json(const Event& event) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto text = [&w](const char* key, std::string_view value) {
        w.Key(key);
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
    };
    w.StartObject();
    w.Key("seq");
    w.Int64(event.seq);
    text("kind", to_string(event.kind));
    text("at", model::format_instant(event.at));
    text("pool_id", event.pool_id);
    text("session_id", event.session_id);
    text("machine_id", event.machine_id);
    w.Key("queue_position");
    w.Int(event.queue_position);
    w.Key("eta_s");
    w.Int(event.eta_s);
    text("message", event.message);
    w.EndObject();
    return buffer.GetString();
}

}  // namespace tidepool::runtime
