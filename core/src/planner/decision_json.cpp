#include "planner/decision_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "planner/reasons.h"

namespace tidepool::planner {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, std::int64_t v) {
    w.Key(key);
    w.Int64(v);
}
void field(Writer& w, const char* key, int v) {
    w.Key(key);
    w.Int(v);
}
void field(Writer& w, const char* key, bool v) {
    w.Key(key);
    w.Bool(v);
}
void field(Writer& w, const char* key, double v) {
    w.Key(key);
    w.Double(v);
}
void field(Writer& w, const char* key, const std::string& v) {
    w.Key(key);
    w.String(v);
}
void field(Writer& w, const char* key, const char* v) {
    w.Key(key);
    w.String(v);
}

void write_resources(Writer& w, const char* key, const Resources& r) {
    w.Key(key);
    w.StartObject();
    field(w, "cores", r.cores);
    field(w, "gpus", r.gpus);
    field(w, "memory_gib", r.memory_gib);
    w.EndObject();
}

void write_server(Writer& w, const ServerNumbers& n) {
    w.Key("server");
    w.StartObject();
    field(w, "minimum", n.minimum);
    // Only with predictive standby raising the minimum, so other decisions keep their shape.
    if (n.predicted > 0) field(w, "predicted", n.predicted);
    field(w, "target", n.target);
    field(w, "queued", n.queued);
    field(w, "new_server_headroom", n.new_server_headroom);
    field(w, "headroom", n.headroom);
    field(w, "incoming", n.incoming);
    field(w, "shortfall", n.shortfall);
    field(w, "uncovered_requests", n.uncovered_requests);
    field(w, "wanted", n.wanted);
    field(w, "headroom_after", n.headroom_after);
    field(w, "remaining_shortfall", n.remaining_shortfall);
    w.EndObject();
}

void write_dimension(Writer& w, const char* key, const DimensionNumbers& x) {
    w.Key(key);
    w.StartObject();
    field(w, "free", x.free);
    field(w, "standby", x.standby);
    field(w, "staging", x.staging);
    field(w, "queued", x.queued);
    field(w, "need", x.need);
    field(w, "shortfall", x.shortfall);
    field(w, "per_agent", x.per_agent);
    field(w, "agents", x.agents);
    field(w, "unsatisfiable", x.unsatisfiable);
    field(w, "free_after", x.free_after);
    field(w, "remaining", x.remaining);
    w.EndObject();
}

void write_agent(Writer& w, const AgentNumbers& n) {
    w.Key("agent");
    w.StartObject();
    write_resources(w, "config_standby", n.config_standby);
    write_resources(w, "config_staging", n.config_staging);
    write_dimension(w, "cores", n.dims[0]);
    write_dimension(w, "gpus", n.dims[1]);
    write_dimension(w, "memory_gib", n.dims[2]);
    field(w, "uncovered_requests", n.uncovered_requests);
    field(w, "wanted", n.wanted);
    w.EndObject();
}

void write_inputs(Writer& w, const Decision& d) {
    w.Key("inputs");
    w.StartObject();
    field(w, "priority", d.priority);
    field(w, "active", d.active);
    field(w, "aggressive", d.aggressive);
    field(w, "capacity_blocked", d.capacity_blocked);
    field(w, "max_instances", d.max_instances);
    field(w, "machines", d.machines);
    field(w, "starting", d.starting);
    field(w, "busy", d.busy);
    field(w, "idle", d.idle);
    field(w, "downscale_backoff_s", d.downscale_backoff_s);
    field(w, "in_backoff", d.in_backoff);
    field(w, "backoff_remaining_s", d.backoff_remaining_s);
    w.Key("backoff_until");
    if (d.backoff_until) {
        w.String(utc_text(*d.backoff_until));
    } else {
        w.Null();
    }
    w.EndObject();
}

void write_decision(Writer& w, const Decision& d) {
    w.StartObject();
    field(w, "config_id", d.config_id);
    field(w, "kind", to_string(d.kind));
    write_inputs(w, d);
    if (d.server) write_server(w, *d.server);
    if (d.agent) write_agent(w, *d.agent);
    field(w, "action", to_string(d.action));
    field(w, "code", to_string(d.code));
    field(w, "create", d.create);
    w.Key("remove");
    w.StartArray();
    for (const std::string& id : d.remove) w.String(id);
    w.EndArray();
    w.Key("undrain");
    w.StartArray();
    for (const std::string& id : d.undrain) w.String(id);
    w.EndArray();
    field(w, "staged_dropped", d.staged_dropped);
    field(w, "reason", d.reason);
    w.EndObject();
}

void write_summary(Writer& w, const PoolSummary& s, PoolKind kind) {
    w.Key("summary");
    w.StartObject();
    field(w, "queued", s.queued);
    field(w, "short_before", s.short_before);
    field(w, "short_after", s.short_after);
    if (kind == PoolKind::kServer) {
        field(w, "headroom", s.headroom);
        field(w, "target", s.target);
        field(w, "remaining_shortfall", s.remaining_shortfall);
    } else {
        write_resources(w, "free", s.free);
        write_resources(w, "need", s.need);
        write_resources(w, "remaining", s.remaining);
    }
    field(w, "reason", s.reason);
    w.EndObject();
}

void write_config_plan(Writer& w, const ConfigPlan& c) {
    w.StartObject();
    field(w, "config_id", c.config_id);
    field(w, "create", c.create);
    w.Key("remove");
    w.StartArray();
    for (const std::string& id : c.remove) w.String(id);
    w.EndArray();
    w.Key("undrain");
    w.StartArray();
    for (const std::string& id : c.undrain) w.String(id);
    w.EndArray();
    w.Key("drop_staged");
    w.StartArray();
    for (const StagedDrop& s : c.drop_staged) {
        w.StartObject();
        field(w, "workspace", s.workspace);
        field(w, "count", s.count);
        w.EndObject();
    }
    w.EndArray();
    w.Key("decision");
    write_decision(w, c.decision);
    w.EndObject();
}

}  // namespace

const char* to_string(PoolKind k) { return k == PoolKind::kServer ? "server" : "agent"; }

const char* to_string(Action a) {
    switch (a) {
        case Action::kCreate:
            return "create";
        case Action::kDelete:
            return "delete";
        case Action::kUnsatisfiable:
            return "unsatisfiable";
        case Action::kUndrain:
            return "undrain";
        case Action::kNone:
            break;
    }
    return "none";
}

const char* to_string(ReasonCode c) {
    switch (c) {
        case ReasonCode::kSatisfied:
            return "satisfied";
        case ReasonCode::kScaleUp:
            return "scale_up";
        case ReasonCode::kAtMaxInstances:
            return "at_max_instances";
        case ReasonCode::kCapacityBlocked:
            return "capacity_blocked";
        case ReasonCode::kUnsatisfiable:
            return "unsatisfiable";
        case ReasonCode::kScaleDown:
            return "scale_down";
        case ReasonCode::kBackoffHold:
            return "backoff_hold";
        case ReasonCode::kPoolShort:
            return "pool_short";
        case ReasonCode::kInactive:
            return "inactive";
        case ReasonCode::kInactiveBackoff:
            return "inactive_backoff";
    }
    return "unknown";
}

std::string to_json(const Decision& d) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    write_decision(w, d);
    return buf.GetString();
}

std::string to_json(const Plan& p) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    field(w, "pool_id", p.pool_id);
    field(w, "kind", to_string(p.kind));
    w.Key("configs");
    w.StartArray();
    for (const ConfigPlan& c : p.configs) write_config_plan(w, c);
    w.EndArray();
    write_summary(w, p.summary, p.kind);
    w.EndObject();
    return buf.GetString();
}

}  // namespace tidepool::planner
