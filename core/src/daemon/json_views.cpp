#include "daemon/json_views.h"

#include <map>

namespace tidepool::daemon {
namespace {

// The model writer emits one closed object; to add members we re-open it as a document.
void write_session_view(model::JsonWriter& w, const runtime::SessionView& view) {
    rapidjson::Document doc;
    doc.Parse(model::to_json(view.session).c_str());
    auto& a = doc.GetAllocator();
    doc.AddMember("queue_position", view.queue_position, a);
    if (view.eta_s >= 0) doc.AddMember("eta_s", view.eta_s, a);
    else doc.AddMember("eta_s", rapidjson::Value(), a);
    doc.Accept(w);
}

void write_server_view(model::JsonWriter& w, const model::Server& server, int sessions) {
    rapidjson::Document doc;
    doc.Parse(model::to_json(server).c_str());
    doc.AddMember("sessions", sessions, doc.GetAllocator());
    doc.Accept(w);
}

template <class Fn>
std::string envelope(Fn&& write_items) {
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    w.StartObject();
    w.Key("items");
    w.StartArray();
    write_items(w);
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string session_json(const runtime::SessionView& view) {
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    write_session_view(w, view);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string sessions_json(const std::vector<runtime::SessionView>& views) {
    return envelope([&](model::JsonWriter& w) {
        for (const auto& v : views) write_session_view(w, v);
    });
}

std::string server_json(const model::Server& server, int sessions) {
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    write_server_view(w, server, sessions);
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::string servers_json(const std::vector<model::Server>& servers,
                         const std::vector<model::Session>& placed) {
    std::map<model::Id, int> counts;
    for (const auto& s : placed) ++counts[s.server_id];
    return envelope([&](model::JsonWriter& w) {
        for (const auto& s : servers) write_server_view(w, s, counts[s.id]);
    });
}

}  // namespace tidepool::daemon
