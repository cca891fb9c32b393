#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "dryrun/snapshot_json.h"
#include "model/json_codec.h"

namespace tidepool::dryrun {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

const char* state_name(planner::MachineState s) {
    switch (s) {
        case planner::MachineState::kStarting: return "starting";
        case planner::MachineState::kRunning: return "running";
        case planner::MachineState::kDraining: return "draining";
        case planner::MachineState::kDeleting: return "deleting";
        case planner::MachineState::kFailed: return "failed";
    }
    return "failed";
}

void resources(Writer& w, const char* key, const planner::Resources& r) {
    w.Key(key);
    w.StartObject();
    w.Key("cores");
    w.Double(r.cores);
    w.Key("gpus");
    w.Double(r.gpus);
    w.Key("memory_gib");
    w.Double(r.memory_gib);
    w.EndObject();
}

void instant(Writer& w, const char* key, std::optional<planner::Instant> t) {
    w.Key(key);
    if (t) w.String(model::format_instant(*t));
    else w.Null();
}

void optional_number(Writer& w, const char* key, std::optional<double> v) {
    w.Key(key);
    if (v) w.Double(*v);
    else w.Null();
}

void machine(Writer& w, const planner::Machine& m) {
    w.StartObject();
    w.Key("id");
    w.String(m.id);
    w.Key("config_id");
    w.String(m.config_id);
    w.Key("state");
    w.String(state_name(m.state));
    w.Key("max_sessions");
    w.Int(m.max_sessions);
    w.Key("max_users");
    if (m.max_users) w.Int(*m.max_users);
    else w.Null();
    w.Key("active_sessions");
    w.Int(m.active_sessions);
    w.Key("active_users");
    w.Int(m.active_users);
    resources(w, "reported", m.reported);
    resources(w, "used", m.used);
    instant(w, "created_at", m.created_at);
    instant(w, "last_session_end_at", m.last_session_end_at);
    w.Key("undrainable");
    w.Bool(m.undrainable);
    w.EndObject();
}

void staging(Writer& w, const planner::StagingRequirement& s) {
    w.StartObject();
    w.Key("workspace");
    w.String(s.workspace);
    w.Key("desired_count");
    w.Int(s.desired_count);
    resources(w, "per_session", s.per_session);
    w.Key("staged_count");
    w.Int(s.staged_count);
    w.EndObject();
}

void config(Writer& w, const planner::Config& c) {
    w.StartObject();
    w.Key("id");
    w.String(c.id);
    w.Key("priority");
    w.Int(c.priority);
    w.Key("active");
    w.Bool(c.active);
    w.Key("max_instances");
    w.Int(c.max_instances);
    w.Key("provider_capacity_blocked");
    w.Bool(c.provider_capacity_blocked);
    w.Key("downscale_backoff_s");
    w.Int64(c.downscale_backoff_s);
    instant(w, "last_scale_up_at", c.last_scale_up_at);
    w.Key("aggressive");
    w.Bool(c.aggressive);
    w.Key("min_available_sessions");
    w.Int(c.min_available_sessions);
    w.Key("new_server_max_sessions");
    w.Int(c.new_server_max_sessions);
    w.Key("new_server_max_users");
    if (c.new_server_max_users) w.Int(*c.new_server_max_users);
    else w.Null();
    resources(w, "standby", c.standby);
    resources(w, "agent_instance", c.agent_instance);
    w.Key("agent_override");
    w.StartObject();
    optional_number(w, "cores", c.agent_override.cores);
    optional_number(w, "gpus", c.agent_override.gpus);
    optional_number(w, "memory_gib", c.agent_override.memory_gib);
    w.EndObject();
    w.Key("staging");
    w.StartArray();
    for (const auto& s : c.staging) staging(w, s);
    w.EndArray();
    w.EndObject();
}

void queued(Writer& w, const planner::QueuedRequest& q) {
    w.StartObject();
    w.Key("id");
    w.String(q.id);
    w.Key("user");
    w.String(q.user);
    w.Key("kind");
    w.String(q.kind == planner::RequestKind::kDesktop ? "desktop" : "app");
    resources(w, "resources", q.resources);
    w.Key("priority_class");
    w.Int(q.priority_class);
    instant(w, "enqueued_at", q.enqueued_at);
    w.EndObject();
}

}  // namespace

std::string write_snapshot(const planner::PoolSnapshot& pool, planner::Instant at) {
    rapidjson::StringBuffer b;
    Writer w(b);
    w.StartObject();
    w.Key("format");
    w.String("tidepool.snapshot/1");
    w.Key("id");
    w.String(pool.id);
    w.Key("kind");
    w.String(pool.kind == planner::PoolKind::kServer ? "server" : "agent");
    instant(w, "at", at);
    w.Key("machines");
    w.StartArray();
    for (const auto& m : pool.machines) machine(w, m);
    w.EndArray();
    w.Key("configs");
    w.StartArray();
    for (const auto& c : pool.configs) config(w, c);
    w.EndArray();
    w.Key("queue");
    w.StartArray();
    for (const auto& q : pool.queue) queued(w, q);
    w.EndArray();
    w.EndObject();
    return b.GetString();
}

}  // namespace tidepool::dryrun
