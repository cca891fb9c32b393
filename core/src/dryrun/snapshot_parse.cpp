// Reading a snapshot file strictly: every member is checked the way operator configs are, so a
// hand-edited what-if snapshot fails with the JSON pointer of the mistake.
#include <array>

#include "dryrun/snapshot_json.h"
#include "model/json_codec.h"
#include "model/json_reader.h"
#include "schedule/iso8601.h"

namespace tidepool::dryrun {
namespace {

using model::ObjectReader;
using Value = rapidjson::Value;

// Collects the first error; later reads are skipped once one is found.
struct Ctx {
    std::optional<Error> error;
    bool ok() const { return !error; }
    void take(Result<void> r) {
        if (!r.ok() && !error) error = r.error();
    }
};

// null (what the writer emits for "unset") and absence both read as unset.
std::optional<planner::Instant> read_instant(Ctx& ctx, ObjectReader& r, const Value& obj,
                                             const char* name) {
    if (obj.HasMember(name) && obj[name].IsNull()) {
        (void)r.member(name, rapidjson::kNullType, "null or an RFC 3339 instant");
        return std::nullopt;
    }
    std::string text;
    r.text(name, text);
    if (text.empty()) return std::nullopt;
    auto t = schedule::parse_instant(text, r.pointer(name));
    if (!t.ok()) {
        ctx.take(make_error(ErrorCode::invalid,
                            "\"" + text + "\" is not an RFC 3339 instant such as "
                            "\"2026-03-02T09:00:00Z\"", r.pointer(name)));
        return std::nullopt;
    }
    return t.value();
}

planner::Resources read_resources(Ctx& ctx, ObjectReader& parent, const char* name) {
    planner::Resources out;
    const Value* v = parent.member(name, rapidjson::kObjectType, "an object");
    if (!v) return out;
    ObjectReader r(*v, parent.pointer(name), "a resources object");
    r.number("cores", out.cores, 0);
    r.number("gpus", out.gpus, 0);
    r.number("memory_gib", out.memory_gib, 0);
    ctx.take(r.finish());
    return out;
}

std::optional<int> read_optional_int(ObjectReader& r, const char* name, const Value& obj) {
    if (!obj.HasMember(name) || obj[name].IsNull()) {
        (void)r.member(name, rapidjson::kNullType, "null or a whole number");
        return std::nullopt;
    }
    int v = 0;
    r.integer(name, v, 0, 1'000'000);
    return v;
}

template <class T, class Fn>
std::vector<T> read_array(Ctx& ctx, ObjectReader& parent, const char* name, Fn read_one) {
    std::vector<T> out;
    const Value* arr = parent.member(name, rapidjson::kArrayType, "an array");
    if (!arr) return out;
    for (rapidjson::SizeType i = 0; i < arr->Size() && ctx.ok(); ++i) {
        std::string pointer = parent.pointer(name) + "/" + std::to_string(i);
        if (!(*arr)[i].IsObject()) {
            ctx.take(make_error(ErrorCode::invalid, "must be an object", pointer));
            break;
        }
        out.push_back(read_one((*arr)[i], pointer));
    }
    return out;
}

planner::Machine read_machine(Ctx& ctx, const Value& v, const std::string& pointer) {
    static constexpr std::array<const char*, 5> kStates = {"starting", "running", "draining",
                                                           "deleting", "failed"};
    planner::Machine m;
    ObjectReader r(v, pointer, "a machine");
    r.text("id", m.id, true);
    r.text("config_id", m.config_id);
    std::string state = "running";
    r.choice("state", state, kStates);
    for (size_t i = 0; i < kStates.size(); ++i)
        if (state == kStates[i]) m.state = static_cast<planner::MachineState>(i);
    r.integer("max_sessions", m.max_sessions, 0, 1'000'000);
    m.max_users = read_optional_int(r, "max_users", v);
    r.integer("active_sessions", m.active_sessions, 0, 1'000'000);
    r.integer("active_users", m.active_users, 0, 1'000'000);
    m.reported = read_resources(ctx, r, "reported");
    m.used = read_resources(ctx, r, "used");
    if (auto t = read_instant(ctx, r, v, "created_at")) m.created_at = *t;
    m.last_session_end_at = read_instant(ctx, r, v, "last_session_end_at");
    r.boolean("undrainable", m.undrainable);
    ctx.take(r.finish());
    return m;
}

planner::StagingRequirement read_staging(Ctx& ctx, const Value& v, const std::string& pointer) {
    planner::StagingRequirement s;
    ObjectReader r(v, pointer, "a staging requirement");
    r.text("workspace", s.workspace, true);
    r.integer("desired_count", s.desired_count, 0, 1'000'000);
    s.per_session = read_resources(ctx, r, "per_session");
    r.integer("staged_count", s.staged_count, 0, 1'000'000);
    ctx.take(r.finish());
    return s;
}

planner::ResourceOverride read_override(Ctx& ctx, ObjectReader& parent) {
    planner::ResourceOverride o;
    const Value* v = parent.member("agent_override", rapidjson::kObjectType, "an object");
    if (!v) return o;
    ObjectReader r(*v, parent.pointer("agent_override"), "an override");
    r.optional_number("cores", o.cores, 0);
    r.optional_number("gpus", o.gpus, 0);
    r.optional_number("memory_gib", o.memory_gib, 0);
    ctx.take(r.finish());
    return o;
}

planner::Config read_config(Ctx& ctx, const Value& v, const std::string& pointer) {
    planner::Config c;
    ObjectReader r(v, pointer, "a config");
    r.text("id", c.id, true);
    r.integer("priority", c.priority, -1'000'000, 1'000'000);
    r.boolean("active", c.active);
    r.integer("max_instances", c.max_instances, 0, 1'000'000);
    r.boolean("provider_capacity_blocked", c.provider_capacity_blocked);
    int backoff = 0;
    r.integer("downscale_backoff_s", backoff, 0, 365 * 86400);
    c.downscale_backoff_s = backoff;
    c.last_scale_up_at = read_instant(ctx, r, v, "last_scale_up_at");
    r.boolean("aggressive", c.aggressive);
    r.integer("min_available_sessions", c.min_available_sessions, 0, 1'000'000);
    r.integer("new_server_max_sessions", c.new_server_max_sessions, 0, 1'000'000);
    c.new_server_max_users = read_optional_int(r, "new_server_max_users", v);
    c.standby = read_resources(ctx, r, "standby");
    c.agent_instance = read_resources(ctx, r, "agent_instance");
    c.agent_override = read_override(ctx, r);
    c.staging = read_array<planner::StagingRequirement>(
        ctx, r, "staging",
        [&](const Value& e, const std::string& p) { return read_staging(ctx, e, p); });
    ctx.take(r.finish());
    return c;
}

planner::QueuedRequest read_queued(Ctx& ctx, const Value& v, const std::string& pointer) {
    static constexpr std::array<const char*, 2> kKinds = {"desktop", "app"};
    planner::QueuedRequest q;
    ObjectReader r(v, pointer, "a queued request");
    r.text("id", q.id, true);
    r.text("user", q.user);
    std::string kind = "desktop";
    r.choice("kind", kind, kKinds);
    q.kind = kind == "app" ? planner::RequestKind::kApp : planner::RequestKind::kDesktop;
    q.resources = read_resources(ctx, r, "resources");
    r.integer("priority_class", q.priority_class, -1'000'000, 1'000'000);
    if (auto t = read_instant(ctx, r, v, "enqueued_at")) q.enqueued_at = *t;
    ctx.take(r.finish());
    return q;
}

SnapshotFile read_file(Ctx& ctx, const Value& v) {
    static constexpr std::array<const char*, 1> kFormats = {"tidepool.snapshot/1"};
    static constexpr std::array<const char*, 2> kKinds = {"server", "agent"};
    SnapshotFile out;
    ObjectReader r(v, "", "a snapshot");
    std::string format = kFormats[0], kind = "server";
    r.choice("format", format, kFormats);
    r.text("id", out.pool.id, true);
    r.choice("kind", kind, kKinds);
    out.pool.kind = kind == "agent" ? planner::PoolKind::kAgent : planner::PoolKind::kServer;
    out.at = read_instant(ctx, r, v, "at");
    out.pool.machines = read_array<planner::Machine>(
        ctx, r, "machines", [&](const Value& e, const std::string& p) { return read_machine(ctx, e, p); });
    out.pool.configs = read_array<planner::Config>(
        ctx, r, "configs", [&](const Value& e, const std::string& p) { return read_config(ctx, e, p); });
    out.pool.queue = read_array<planner::QueuedRequest>(
        ctx, r, "queue", [&](const Value& e, const std::string& p) { return read_queued(ctx, e, p); });
    ctx.take(r.finish());
    return out;
}

}  // namespace

Result<SnapshotFile> parse_snapshot(std::string_view text) {
    auto doc = model::parse_json_text(text);
    if (!doc.ok()) return doc.error();
    if (!doc->IsObject())
        return make_error(ErrorCode::invalid, "a snapshot must be a JSON object", "");
    Ctx ctx;
    SnapshotFile out = read_file(ctx, doc.value());
    if (ctx.error) return *ctx.error;
    return out;
}

}  // namespace tidepool::dryrun
