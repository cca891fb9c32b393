// JSON for what the API returns beyond the model's own codec: list envelopes, servers with
// their session counts, sessions with queue position and ETA.
#pragma once

#include <string>
#include <vector>

#include "model/json_codec.h"
#include "runtime/runtime.h"

namespace tidepool::daemon {

template <class T>
std::string items_json(const std::vector<T>& items) {
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    for (const auto& item : items) model::write_json(w, item);
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string session_json(const runtime::SessionView& view);
std::string sessions_json(const std::vector<runtime::SessionView>& views);
// Servers with "sessions": the number of placed sessions on each.
std::string servers_json(const std::vector<model::Server>& servers,
                         const std::vector<model::Session>& placed);
std::string server_json(const model::Server& server, int sessions);

}  // namespace tidepool::daemon
