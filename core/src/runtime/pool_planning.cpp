// One planning pass for a pool: rows → snapshot → pure planner → orders, and the decision
// record when something changed.
#include <rapidjson/document.h>

#include "planner/decision_json.h"
#include "planner/planner.h"
#include "runtime/runtime.h"
#include "runtime/snapshot_builder.h"
#include "schedule/evaluate.h"
#include "schedule/parse.h"

namespace tidepool::runtime {

bool Runtime::config_active(const model::AutoScaleConfig& config) {
    if (!config.enabled) return false;
    if (config.schedule_json.empty()) return true;
    auto& cached = activity_cache_[config.id];
    if (cached.source != config.schedule_json) {
        rapidjson::Document doc;
        doc.Parse(config.schedule_json.c_str());
        cached.source = config.schedule_json;
        cached.spec.reset();
        if (!doc.HasParseError() && doc.IsObject()) {
            auto parsed = schedule::parse_activity(doc, "", schedule::ParseMode::kStandalone);
            if (parsed.ok()) cached.spec = parsed.value();
        }
        // Configs are validated before they are stored; an unparsable one (an older build's
        // row, say) is treated as inactive rather than scaling on a guess.
        if (!cached.spec) log("error", "config " + config.id + ": cannot read its schedules");
    }
    return cached.spec && schedule::is_active(*cached.spec, now());
}

bool Runtime::capacity_blocked(const model::Id& config_id) const {
    auto blocked = capacity_blocked_until_.find(config_id);
    return blocked != capacity_blocked_until_.end() && now() < blocked->second;
}

ConfigFacts Runtime::facts_for(const model::AutoScaleConfig& config) {
    ConfigFacts f;
    f.active = config_active(config);
    if (auto p = store_.get_provider_config(config.vm_provider_id); p.ok())
        f.max_instances = p->max_instances;
    f.capacity_blocked = capacity_blocked(config.id);
    if (auto up = store_.get_meta("last_scale_up:" + config.id); up.ok() && up.value())
        f.last_scale_up_at = model::from_unix(std::stoll(*up.value()));
    f.boot_s = boot_seconds_of(config.id);
    return f;
}

Result<PoolInputs> Runtime::inputs_of(const model::Pool& pool) {
    PoolInputs in;
    in.pool = pool;
    auto configs = store_.list_autoscale_configs(pool.id);
    auto servers = store_.list_servers({pool.id, std::nullopt, {}});
    auto sessions = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                          {model::SessionState::placed,
                                           model::SessionState::queued,
                                           model::SessionState::staged}});
    auto staging = store_.list_staging_configs(pool.id);
    if (!configs.ok()) return configs.error();
    if (!servers.ok()) return servers.error();
    if (!sessions.ok()) return sessions.error();
    if (!staging.ok()) return staging.error();
    in.configs = configs.value();
    in.servers = servers.value();
    in.sessions = sessions.value();
    in.staging = staging.value();
    in.now = now();
    for (const auto& c : in.configs) in.facts[c.id] = facts_for(c);
    if (auto r = load_arrivals(in); !r.ok()) return r.error();
    return in;
}

// Predictive standby learns from the pool's arrivals over its configs' longest lookback.
Result<void> Runtime::load_arrivals(PoolInputs& in) {
    if (in.pool.kind != model::PoolKind::server) return {};  // predictive standby: servers only
    int lookback_days = 0;
    for (const auto& c : in.configs)
        if (c.predictive_standby)
            lookback_days = std::max(lookback_days, c.predictive_lookback_days);
    if (lookback_days == 0) return {};
    auto since = model::to_unix(in.now) - (lookback_days + 1) * std::int64_t{86400};
    auto arrivals = store_.arrival_times(in.pool.id, since);
    if (!arrivals.ok()) return arrivals.error();
    in.arrivals = std::move(arrivals.value());
    return {};
}

Result<planner::PoolSnapshot> Runtime::snapshot(const model::Id& pool_id) {
    auto pool = store_.get_pool(pool_id);
    if (!pool.ok()) return pool.error();
    auto in = inputs_of(pool.value());
    if (!in.ok()) return in.error();
    return build_snapshot(in.value());
}

void Runtime::plan_pool(const model::Pool& pool) {
    auto inputs = inputs_of(pool);
    if (!inputs.ok()) {
        log("error", "pool " + pool.id + ": " + inputs.error().message);
        return;
    }
    const PoolInputs& in = inputs.value();
    auto plan = planner::plan(build_snapshot(in), now());
    record_decision(pool.id, plan);
    for (const auto& cp : plan.configs) {
        auto config = std::find_if(in.configs.begin(), in.configs.end(),
                                   [&](const auto& c) { return c.id == cp.config_id; });
        if (config == in.configs.end()) continue;
        for (const auto& id : cp.undrain) {
            if (auto r = set_draining(id, false); !r.ok())
                log("error", "cannot undrain " + id + ": " + r.error().message);
        }
        if (cp.create > 0) order_servers(*config, cp.create);
        for (const auto& id : cp.remove) {
            auto server = std::find_if(in.servers.begin(), in.servers.end(),
                                       [&](const auto& s) { return s.id == id; });
            if (server != in.servers.end()) remove_server(*server, cp.decision.reason);
        }
    }
    // After the orders: the staging rules drop what inactive configs hold (the planner's
    // drop_staged) and fill the room running agents have now; new agents are used next pass.
    apply_staging(in);
}

bool Runtime::plan_still_wants(const model::Server& server) {
    auto pool = store_.get_pool(server.pool_id);
    if (!pool.ok()) return false;  // its pool is gone: nothing wants the machine
    auto inputs = inputs_of(pool.value());
    if (!inputs.ok()) return true;  // cannot tell: finishing the create is the safe side
    PoolInputs in = inputs.value();
    // A session already placed on it keeps it wanted whatever the counts say.
    for (const auto& session : in.sessions)
        if (session.server_id == server.id) return true;
    // Plan the pool as if the machine did not exist: if the plan would then order a machine
    // from its config, this one fills that order; if not, the target moved on without it.
    std::erase_if(in.servers, [&](const model::Server& s) { return s.id == server.id; });
    auto plan = planner::plan(build_snapshot(in), now());
    for (const auto& cp : plan.configs)
        if (cp.config_id == server.config_id) return cp.create > 0;
    return false;
}

void Runtime::record_decision(const model::Id& pool_id, const planner::Plan& plan) {
    // Stored when an action is taken or the reasoning changed, so the bounded history holds
    // decisions rather than a copy of the same "satisfied" line every tick.
    std::string signature;
    for (const auto& cp : plan.configs) signature += cp.decision.reason + "\n";
    bool acted = false;
    for (const auto& cp : plan.configs)
        acted = acted || cp.create > 0 || !cp.remove.empty() || !cp.undrain.empty();
    auto& last = last_decision_[pool_id];
    if (!acted && last == signature) return;
    last = signature;
    store::DecisionRecord record;
    record.pool_id = pool_id;
    record.at = now();
    record.json = planner::to_json(plan);
    (void)store_.append_decision(record);
    if (!signature.empty()) signature.pop_back();  // one reason per line, no trailing newline
    publish_decision(pool_id, signature);
}

}  // namespace tidepool::runtime
