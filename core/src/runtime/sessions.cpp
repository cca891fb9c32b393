// Session requests: place at once when a running server can take the session, otherwise queue
// it (with a position and an ETA) while the planner provisions; never a bare "no resources"
// while some config could still provision (DESIGN §2, On-demand).
#include <algorithm>

#include "runtime/queue_order.h"
#include "runtime/runtime.h"
#include "runtime/session_size.h"
#include "runtime/tokens.h"

namespace tidepool::runtime {
namespace {

placement::Amounts amounts_of(const SessionRequest& r) { return {r.cores, r.gpus, r.memory_gib}; }

}  // namespace

Result<void> Runtime::save_server(const model::Server& server) {
    auto r = store_.put_server(server);
    if (r.ok()) placements_.saved(server);
    else placements_.forget_all();
    return r;
}

Result<void> Runtime::save_session(const model::Session& session) {
    auto r = store_.put_session(session);
    if (r.ok()) placements_.saved(session);
    else placements_.forget_all();  // the registry may already hold it (try_place)
    return r;
}

// Server pools place through the pool's in-memory index (placement_cache.h): O(log servers).
// The session is recorded there at once; the caller writes it with save_session().
Result<bool> Runtime::try_place(model::Session& session, const model::Pool& pool) {
    if (pool.kind == model::PoolKind::agent) return try_place_on_agent(session, pool);
    placement::SessionRegistry* registry = placements_.registry(pool);
    if (!registry)
        return make_error(ErrorCode::unavailable,
                          "cannot read pool \"" + pool.id + "\"'s servers from the store");
    auto slot = registry->place(session.id, session.user, session.kind);
    if (!slot) return false;
    session.server_id = registry->servers().id_of(*slot);
    session.state = model::SessionState::placed;
    session.placed_at = now();
    return true;
}

// Agent pools place through the pool's AgentRegistry (placement_cache.h): O(log agents), at
// each agent's override-aware capacity; an inactive config's agents take nothing (DESIGN §2).
Result<bool> Runtime::try_place_on_agent(model::Session& session, const model::Pool& pool) {
    auto terms = agent_terms(pool);
    if (!terms.ok()) return terms.error();
    return try_place_on_agent(session, pool, terms.value());
}

Result<bool> Runtime::try_place_on_agent(model::Session& session, const model::Pool& pool,
                                         const AgentTerms& terms) {
    placement::AgentRegistry* registry = placements_.agent_registry(pool, terms);
    if (!registry)
        return make_error(ErrorCode::unavailable,
                          "cannot read pool \"" + pool.id + "\"'s agents from the store");
    auto slot = registry->place(session.id, {session.cores, session.gpus, session.memory_gib});
    if (!slot) return false;
    session.server_id = registry->agents().id_of(*slot);
    session.state = model::SessionState::placed;
    session.placed_at = now();
    return true;
}

Result<AgentTerms> Runtime::agent_terms(const model::Pool& pool) {
    auto configs = store_.list_autoscale_configs(pool.id);
    if (!configs.ok()) return configs.error();
    AgentTerms terms{std::move(configs.value()), {}};
    for (const auto& c : terms.configs)
        if (!config_active(c)) terms.inactive.insert(c.id);
    return terms;
}

Result<SessionView> Runtime::request_session(const SessionRequest& request) {
    auto pool = store_.get_pool(request.pool_id);
    if (!pool.ok())
        return make_error(ErrorCode::not_found,
                          "pool \"" + request.pool_id + "\" does not exist", "/pool_id");
    if (request.user.empty())
        return make_error(ErrorCode::invalid, "user must not be empty", "/user");
    model::Session s;
    s.id = new_sortable_id("ses");
    s.pool_id = request.pool_id;
    s.user = request.user;
    s.kind = request.kind;
    s.priority = request.priority;
    s.workspace = request.workspace;
    s.requested_at = now();
    if (pool->kind == model::PoolKind::agent) return request_on_agents(request, pool.value(), s);
    if (auto size = session_size({pool->kind, pool->id, {}, amounts_of(request)}); !size.ok())
        return size.error();
    auto placed = try_place(s, pool.value());
    return place_or_queue(s, pool.value(), placed);
}

// Agent pools: the session's size (session_size.h); a staged session of its workspace that
// holds that much, taken at once when there is one; else placed or queued. Reads the pool's
// configs once, and never its agent or session lists.
Result<SessionView> Runtime::request_on_agents(const SessionRequest& request,
                                               const model::Pool& pool, model::Session& s) {
    auto terms = agent_terms(pool);
    if (!terms.ok()) return terms.error();
    auto staging = store_.list_staging_configs(pool.id);
    if (!staging.ok()) return staging.error();
    SizingInputs sizing{pool.kind, pool.id, request.workspace, amounts_of(request),
                        staging.value(), terms->configs};
    sizing.agent_shapes = [&] { return agent_shapes(pool, terms.value()); };
    auto size = session_size(sizing);
    if (!size.ok()) return size.error();
    s.cores = size->cores;
    s.gpus = size->gpus;
    s.memory_gib = size->memory_gib;
    auto staged = staged_for(pool, request.workspace, size.value(), terms.value(),
                             staging.value());
    if (!staged.ok()) return staged.error();
    if (staged.value()) {
        auto taken = take_staged(*staged.value(), request);
        if (!taken.ok()) return taken.error();
        return view_of(taken.value());
    }
    auto placed = try_place_on_agent(s, pool, terms.value());
    return place_or_queue(s, pool, placed);
}

// What each agent of the pool offers, from its agent registry: any state but gone, since an
// agent closed now (its config inactive, say) may take sessions again.
std::vector<placement::Amounts> Runtime::agent_shapes(const model::Pool& pool,
                                                      const AgentTerms& terms) {
    std::vector<placement::Amounts> shapes;
    placement::AgentRegistry* registry = placements_.agent_registry(pool, terms);
    if (!registry) return shapes;
    const auto& agents = registry->agents();
    for (placement::AgentSlot slot = 0; slot < agents.agent_count(); ++slot)
        shapes.push_back(agents.capacity_of(slot));
    return shapes;
}

// `placed` is what trying to place `s` answered: write it placed, or queued while the pool can
// still grow.
Result<SessionView> Runtime::place_or_queue(model::Session& s, const model::Pool& pool,
                                            const Result<bool>& placed) {
    if (!placed.ok()) return placed.error();
    if (!placed.value() && !pool_can_grow(pool))
        return make_error(ErrorCode::capacity,
                          "pool \"" + pool.id + "\" has no free session and no active " +
                              "autoscale config that can add a server; raise max_instances, " +
                              "enable a config or add servers");
    if (auto r = save_session(s); !r.ok()) return r.error();
    if (!placed.value()) log("info", "session " + s.id + " queued for pool " + pool.id);
    publish_session(placed.value() ? EventKind::session_placed : EventKind::session_queued, s);
    return view_of(s);
}

bool Runtime::pool_can_grow(const model::Pool& pool) {
    auto servers = store_.list_servers({pool.id, std::nullopt, {model::MachineState::starting}});
    if (servers.ok() && !servers->empty()) return true;
    auto configs = store_.list_autoscale_configs(pool.id);
    if (!configs.ok()) return false;
    for (const auto& c : configs.value())
        if (config_can_order(c)) return true;
    return false;
}

bool Runtime::config_can_order(const model::AutoScaleConfig& c) {
    if (!config_active(c)) return false;
    auto provider = store_.get_provider_config(c.vm_provider_id);
    if (!provider.ok()) return false;
    auto mine = store_.list_servers({c.pool_id, c.id, {}});
    int alive = 0;
    if (mine.ok())
        for (const auto& s : mine.value())
            if (s.state != model::MachineState::gone) ++alive;
    return alive < provider->max_instances;
}

Result<void> Runtime::release_session(const model::Id& id) {
    auto s = store_.get_session(id);
    if (!s.ok()) return s.error();
    model::Session session = s.value();
    if (session.state == model::SessionState::ended ||
        session.state == model::SessionState::cancelled)
        return {};  // releasing twice is not an error
    session.state = session.state == model::SessionState::queued ? model::SessionState::cancelled
                                                                 : model::SessionState::ended;
    session.ended_at = now();
    if (auto r = save_session(session); !r.ok()) return r;
    publish_session(EventKind::session_ended, session,
                    session.state == model::SessionState::cancelled ? "cancelled while queued"
                                                                    : "released");
    return {};
}

void Runtime::place_queued(const model::Pool& pool) {
    auto queued = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                        {model::SessionState::queued}});
    if (!queued.ok() || queued->empty()) return;
    auto list = queued.value();
    std::sort(list.begin(), list.end(), queued_before);
    // A queued workspace request is not offered staged sessions: staging refills only after
    // this pass (plan_pool), on room this pass would have given the request directly.
    for (auto& s : list) {
        auto placed = try_place(s, pool);
        if (placed.ok() && placed.value()) {
            (void)save_session(s);
            log("info", "session " + s.id + " placed on " + s.server_id);
            publish_session(EventKind::session_placed, s);
        }
    }
}

void Runtime::expire_queued(const model::Pool& pool) {
    auto queued = store_.list_sessions({pool.id, std::nullopt, std::nullopt,
                                        {model::SessionState::queued}});
    if (!queued.ok()) return;
    for (auto s : queued.value()) {
        if (now() - s.requested_at < std::chrono::seconds(pool.max_queue_wait_s)) continue;
        s.state = model::SessionState::failed;
        s.ended_at = now();
        s.failure_reason = "no capacity became free within the pool's maximum wait of " +
                           std::to_string(pool.max_queue_wait_s) +
                           " s; check the autoscale configs' max_instances and provider errors";
        (void)save_session(s);
        publish_session(EventKind::session_failed, s, s.failure_reason);
    }
}

void Runtime::end_sessions_on(const model::Id& server_id, const std::string& why) {
    auto placed = store_.list_sessions({std::nullopt, server_id, std::nullopt,
                                        {model::SessionState::placed}});
    if (!placed.ok()) return;
    for (auto s : placed.value()) {
        s.state = model::SessionState::failed;
        s.failure_reason = why;
        s.ended_at = now();
        (void)save_session(s);
        publish_session(EventKind::session_failed, s, why);
    }
}

}  // namespace tidepool::runtime
