// Staged sessions at runtime: applies staging/staging_plan.h to the stored rows each planning
// pass (create, expire and refill, drop), and hands a staged session to a matching request.
#include <algorithm>

#include "placement/agent_choice.h"
#include "runtime/runtime.h"
#include "runtime/tokens.h"
#include "staging/staging_plan.h"

namespace tidepool::runtime {
namespace {

const model::StagingConfig* config_named(const std::vector<model::StagingConfig>& configs,
                                         const model::Id& id) {
    auto it = std::find_if(configs.begin(), configs.end(),
                           [&](const auto& c) { return c.id == id; });
    return it == configs.end() ? nullptr : &*it;
}

}  // namespace

void Runtime::end_staged(const model::Id& session_id, const std::vector<model::Session>& sessions,
                         const std::string& why) {
    auto it = std::find_if(sessions.begin(), sessions.end(),
                           [&](const auto& s) { return s.id == session_id; });
    if (it == sessions.end()) return;
    model::Session s = *it;
    s.state = model::SessionState::ended;
    s.ended_at = now();
    s.failure_reason = why;
    if (auto r = save_session(s); !r.ok()) {
        log("error", "cannot end staged session " + s.id + ": " + r.error().message);
        return;
    }
    log("info", "staged session " + s.id + " on " + s.server_id + " ended: " + why);
    publish_session(EventKind::session_ended, s, why);
}

void Runtime::apply_staging(const PoolInputs& in) {
    if (in.pool.kind != model::PoolKind::agent) return;
    const staging::StagingPlan plan = staging::plan_staging(staging_view(in));
    for (const auto& id : plan.expire)
        end_staged(id, in.sessions, "staged session expired unused; a fresh one replaces it");
    for (const auto& id : plan.drop)
        end_staged(id, in.sessions,
                   "staged session no longer wanted (its staging config is disabled, removed "
                   "or over its count, or its agent is inactive)");
    for (const auto& create : plan.create) {
        const model::StagingConfig* c = config_named(in.staging, create.staging_config_id);
        if (c == nullptr) continue;
        model::Session s;
        s.id = new_sortable_id("ses");
        s.pool_id = in.pool.id;
        s.server_id = create.agent_id;
        s.state = model::SessionState::staged;
        s.requested_at = s.placed_at = now();
        s.cores = c->cores;
        s.gpus = c->gpus;
        s.memory_gib = c->memory_gib;
        s.workspace = c->workspace;
        s.staging_config_id = c->id;
        s.expires_at = now() + std::chrono::hours(c->expiry_hours);
        if (auto r = save_session(s); !r.ok()) {
            log("error", "cannot stage a session for " + c->id + ": " + r.error().message);
            continue;
        }
        log("info", "staged session " + s.id + " (" + c->workspace + ") on " + s.server_id);
    }
}

// Reads only the pool's staged sessions and their agents (bounded by the staging configs'
// counts), not every agent and session of the pool; the configs come from the caller.
Result<std::optional<model::Id>> Runtime::staged_for(
    const model::Pool& pool, const std::string& workspace, const placement::Amounts& need,
    const AgentTerms& terms, const std::vector<model::StagingConfig>& staging) {
    using None = std::optional<model::Id>;
    if (workspace.empty()) return None{};
    auto staged = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                        {model::SessionState::staged}});
    if (!staged.ok()) return staged.error();
    staging::PoolView view;
    // A staged session smaller than what the request asks for is left for another request.
    for (auto& s : staged.value())
        if (s.workspace == workspace &&
            placement::covers({s.cores, s.gpus, s.memory_gib}, need))
            view.sessions.push_back(std::move(s));
    if (view.sessions.empty()) return None{};
    view.configs = staging;
    view.autoscale = terms.configs;
    view.inactive_configs = terms.inactive;
    std::set<model::Id> hosts;
    for (const auto& s : view.sessions) hosts.insert(s.server_id);
    for (const auto& id : hosts)
        if (auto agent = store_.get_server(id); agent.ok()) view.agents.push_back(agent.value());
    view.strategy = pool.placement;
    view.now = now();
    return staging::take_staged(view, workspace);
}

// The staged row becomes the user's session: same id, agent and resources, now owned.
Result<model::Session> Runtime::take_staged(const model::Id& staged_id,
                                            const SessionRequest& request) {
    auto stored = store_.get_session(staged_id);
    if (!stored.ok()) return stored.error();
    model::Session s = stored.value();
    s.user = request.user;
    s.kind = request.kind;
    s.priority = request.priority;
    s.state = model::SessionState::placed;
    s.requested_at = s.placed_at = now();
    s.expires_at = {};
    if (auto r = save_session(s); !r.ok()) return r.error();
    log("info", "session " + s.id + " took a staged " + request.workspace + " session on " +
                    s.server_id);
    publish_session(EventKind::session_placed, s);
    return s;
}

}  // namespace tidepool::runtime
