#include "daemon/metrics_view.h"

#include <map>

#include "metrics/exposition.h"
#include "model/enums.h"
#include "planner/planner.h"

namespace tidepool::daemon {
namespace {

using metrics::Exposition;
using metrics::Labels;

constexpr const char* kResources[] = {"cores", "gpus", "memory_gib"};

double resource(const planner::Resources& r, int i) {
    return i == 0 ? r.cores : i == 1 ? r.gpus : r.memory_gib;
}

bool counts_as_capacity(planner::MachineState s) {
    return s == planner::MachineState::kStarting || s == planner::MachineState::kRunning;
}

// Headroom as the planner computes it (the summary of a plan over the pool's snapshot), and
// capacity as the sum over machines that are or will be able to take sessions.
void pool_capacity(Exposition& out, ApiContext& ctx, const model::Pool& pool) {
    auto snap = ctx.runtime.snapshot(pool.id);
    if (!snap.ok()) return;
    auto plan = planner::plan(snap.value(), ctx.runtime.now());
    Labels labels{{"pool", pool.id}};
    if (snap->kind == planner::PoolKind::kServer) {
        double capacity = 0;
        for (const auto& m : snap->machines)
            if (counts_as_capacity(m.state)) capacity += m.max_sessions;
        out.gauge("tidepool_pool_headroom_sessions",
                  "Sessions a server pool can still take now (booting servers included)",
                  labels, static_cast<double>(plan.summary.headroom));
        out.gauge("tidepool_pool_capacity_sessions",
                  "Sessions a server pool holds in all (starting and running servers)", labels,
                  capacity);
        out.gauge("tidepool_pool_target_sessions",
                  "The largest minimum of free sessions among the pool's active configs", labels,
                  static_cast<double>(plan.summary.target));
        return;
    }
    for (int i = 0; i < 3; ++i) {
        double capacity = 0;
        for (const auto& m : snap->machines)
            if (counts_as_capacity(m.state)) capacity += resource(m.reported, i);
        Labels by{{"pool", pool.id}, {"resource", kResources[i]}};
        out.gauge("tidepool_pool_headroom_resources",
                  "Free cores, GPUs or memory (GiB) on an agent pool's agents", by,
                  resource(plan.summary.free, i));
        out.gauge("tidepool_pool_capacity_resources",
                  "Cores, GPUs or memory (GiB) an agent pool's agents offer in all", by, capacity);
    }
}

void machines_and_sessions(Exposition& out, ApiContext& ctx, const model::Pool& pool) {
    auto& st = ctx.runtime.store();
    std::map<std::string, int> by_state;
    for (auto s : {model::MachineState::starting, model::MachineState::running,
                   model::MachineState::draining, model::MachineState::deleting,
                   model::MachineState::failed})
        by_state[model::to_string(s)] = 0;
    if (auto servers = st.list_servers({.pool_id = pool.id}); servers.ok())
        for (const auto& s : servers.value())
            if (s.state != model::MachineState::gone) ++by_state[model::to_string(s.state)];
    for (const auto& [state, n] : by_state)
        out.gauge("tidepool_machines", "Servers and agents by pool and state",
                  {{"pool", pool.id}, {"state", state}}, n);
    int queued = 0, placed = 0;
    auto sessions = st.list_sessions({.pool_id = pool.id,
                                      .states = {model::SessionState::queued,
                                                 model::SessionState::placed}});
    if (sessions.ok())
        for (const auto& s : sessions.value())
            (s.state == model::SessionState::queued ? queued : placed)++;
    out.gauge("tidepool_sessions_queued", "Session requests waiting for capacity",
              {{"pool", pool.id}}, queued);
    out.gauge("tidepool_sessions_placed", "Sessions placed on a machine now",
              {{"pool", pool.id}}, placed);
}

void queue_waits(Exposition& out, ApiContext& ctx) {
    if (!ctx.queue_wait) return;
    out.histogram("tidepool_session_queue_wait_seconds",
                  "How long sessions waited for capacity, from request to placement (0 when "
                  "placed at once)", {}, ctx.queue_wait->snapshot());
}

void provider_calls(Exposition& out, ApiContext& ctx) {
    out.declare("tidepool_provider_call_duration_seconds",
                "Provider call latency as the runtime sees it (retries and throttling included)",
                metrics::MetricType::histogram);
    out.declare("tidepool_provider_call_errors_total",
                "Provider calls that failed after retries, by error class",
                metrics::MetricType::counter);
    if (!ctx.plugins.provider_calls) return;
    for (const auto& row : ctx.plugins.provider_calls()) {
        Labels labels{{"provider_config", row.provider_config_id}, {"operation", row.operation}};
        out.histogram("tidepool_provider_call_duration_seconds", "", labels,
                      row.duration_seconds);
        for (const auto& [error_class, n] : row.errors) {
            Labels with_class = labels;
            with_class.emplace_back("class", error_class);
            out.counter("tidepool_provider_call_errors_total", "", with_class,
                        static_cast<double>(n));
        }
    }
}

void resilience(Exposition& out, ApiContext& ctx) {
    if (!ctx.plugins.resilience_stats) return;
    auto s = ctx.plugins.resilience_stats();
    const std::pair<const char*, std::uint64_t> rows[] = {
        {"retries", s.retries},           {"throttled_waits", s.throttled_waits},
        {"rate_limited", s.rate_limited}, {"breaker_opens", s.breaker_opens},
        {"breaker_rejections", s.breaker_rejections}};
    for (const auto& [what, n] : rows)
        out.counter("tidepool_provider_resilience_events_total",
                    "Retries, client-side throttling and circuit-breaker events",
                    {{"event", what}}, static_cast<double>(n));
}

void runtime_counters(Exposition& out, ApiContext& ctx) {
    auto c = ctx.runtime.reconcile_counts();
    const std::pair<const char*, std::int64_t> rows[] = {
        {"adopted", c.adopted},
        {"orphan_deleted", c.orphans_deleted},
        {"intent_finished", c.intents_finished},
        {"intent_rolled_back", c.intents_rolled_back},
        {"vanished", c.vanished}};
    for (const auto& [outcome, n] : rows)
        out.counter("tidepool_reconcile_machines_total",
                    "Machines reconciliation settled since start, by outcome "
                    "(adopted: tagged ours but unknown; orphan_deleted: deleted as leaked; "
                    "intent_finished: interrupted create or delete retried; "
                    "intent_rolled_back: interrupted create no longer wanted)",
                    {{"outcome", outcome}}, static_cast<double>(n));
    auto last = std::chrono::duration_cast<std::chrono::seconds>(c.last_run.time_since_epoch());
    out.gauge("tidepool_reconcile_last_run_timestamp_seconds",
              "When reconciliation last listed every provider (Unix time; 0: not yet)", {},
              static_cast<double>(last.count()));
    out.histogram("tidepool_planner_tick_duration_seconds",
                  "Time to plan and act on every pool once", {}, ctx.runtime.tick_durations());
}

}  // namespace

std::string render_metrics(ApiContext& ctx) {
    Exposition out;
    out.gauge("tidepool_build_info", "Always 1; the labels carry the version",
              {{"version", ctx.version}, {"installation", ctx.runtime.installation_id()}}, 1);
    auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.started);
    out.gauge("tidepool_uptime_seconds", "Seconds since tidepoold started", {}, uptime.count());
    auto pools = ctx.runtime.store().list_pools();
    if (pools.ok()) {
        for (const auto& pool : pools.value()) {
            pool_capacity(out, ctx, pool);
            machines_and_sessions(out, ctx, pool);
        }
    }
    queue_waits(out, ctx);
    provider_calls(out, ctx);
    resilience(out, ctx);
    runtime_counters(out, ctx);
    return out.render();
}

}  // namespace tidepool::daemon
