// Agents: the machines of agent pools (container hosts), shown with what they offer (cores,
// GPUs, memory) and what their placed and staged sessions take of it. They are rows of the
// servers table, so drain/undrain stay on /api/v1/servers/{id}; this view adds the capacity
// arithmetic an operator wants when asking "why does this workload not fit".
#include <algorithm>
#include <map>
#include <set>

#include "daemon/api_context.h"
#include "daemon/pagination.h"
#include "http/response.h"
#include "model/enums.h"
#include "model/json_codec.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

struct Allocation {
    int sessions = 0;
    double cores = 0, gpus = 0, memory_gib = 0;
};

std::string agent_json(const model::Server& agent, const Allocation& used) {
    rapidjson::Document doc;
    doc.Parse(model::to_json(agent).c_str());
    auto& a = doc.GetAllocator();
    doc.AddMember("sessions", used.sessions, a);
    rapidjson::Value allocated(rapidjson::kObjectType);
    allocated.AddMember("cores", used.cores, a);
    allocated.AddMember("gpus", used.gpus, a);
    allocated.AddMember("memory_gib", used.memory_gib, a);
    doc.AddMember("allocated", allocated, a);
    rapidjson::Value free(rapidjson::kObjectType);
    free.AddMember("cores", std::max(0.0, agent.cores - used.cores), a);
    free.AddMember("gpus", std::max(0.0, agent.gpus - used.gpus), a);
    free.AddMember("memory_gib", std::max(0.0, agent.memory_gib - used.memory_gib), a);
    doc.AddMember("free", free, a);
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    doc.Accept(w);
    return std::string(buffer.GetString(), buffer.GetSize());
}

// Placed and staged sessions per machine, summed: a staged session holds its capacity too.
Result<std::map<model::Id, Allocation>> allocations(store::Store& st,
                                                    std::optional<model::Id> pool) {
    auto placed = st.list_sessions({std::move(pool), std::nullopt, std::nullopt,
                                    {model::SessionState::placed, model::SessionState::staged}});
    if (!placed.ok()) return placed.error();
    std::map<model::Id, Allocation> out;
    for (const auto& s : placed.value()) {
        auto& a = out[s.server_id];
        ++a.sessions;
        a.cores += s.cores;
        a.gpus += s.gpus;
        a.memory_gib += s.memory_gib;
    }
    return out;
}

Result<std::set<model::Id>> agent_pools(store::Store& st) {
    auto pools = st.list_pools();
    if (!pools.ok()) return pools.error();
    std::set<model::Id> ids;
    for (const auto& p : pools.value())
        if (p.kind == model::PoolKind::agent) ids.insert(p.id);
    return ids;
}

Result<store::ServerFilter> agent_filter(const Request& req) {
    store::ServerFilter filter;
    if (auto pool = req.query_param("pool")) filter.pool_id = std::string(*pool);
    if (auto config = req.query_param("config")) filter.config_id = std::string(*config);
    if (auto text = req.query_param("state")) {
        auto state = model::parse_machine_state(*text);
        if (!state)
            return make_error(ErrorCode::invalid, "state \"" + std::string(*text) +
                                  "\" is not allowed; use starting, running, draining, " +
                                  "deleting, gone or failed", "/query/state");
        filter.states.push_back(*state);
    }
    return filter;
}

Response list_agents(store::Store& st, const Request& req) {
    auto page = parse_page(req, {"pool", "state", "config"});
    if (!page.ok()) return http::error_response(page.error());
    auto filter = agent_filter(req);
    if (!filter.ok()) return http::error_response(filter.error());
    auto pools = agent_pools(st);
    if (!pools.ok()) return http::error_response(pools.error());
    auto machines = st.list_servers(filter.value());
    if (!machines.ok()) return http::error_response(machines.error());
    auto used = allocations(st, filter->pool_id);
    if (!used.ok()) return http::error_response(used.error());
    std::vector<model::Server> agents;
    for (auto& m : machines.value()) {
        bool history = m.state == model::MachineState::gone && filter->states.empty();
        if (pools->count(m.pool_id) && !history) agents.push_back(std::move(m));
    }
    std::sort(agents.begin(), agents.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<std::string> keys;
    for (const auto& a : agents) keys.push_back(a.id);
    auto slice = slice_ascending(keys, page.value());
    std::string out = "{\"items\":[";
    for (auto i = slice.begin; i < slice.end; ++i)
        out += (i > slice.begin ? "," : "") + agent_json(agents[i], used.value()[agents[i].id]);
    return http::json_response(200, with_next_cursor(out + "]}", slice.next_cursor));
}

Response show_agent(store::Store& st, const Request& req) {
    std::string id(req.param("id"));
    auto machine = st.get_server(id);
    if (!machine.ok()) return http::error_response(machine.error());
    auto pools = agent_pools(st);
    if (!pools.ok()) return http::error_response(pools.error());
    if (!pools->count(machine->pool_id))
        return http::error_response(make_error(
            ErrorCode::not_found, "no agent \"" + id + "\": it is a server of pool \"" +
                                      machine->pool_id + "\" (see /api/v1/servers/" + id + ")"));
    auto used = allocations(st, machine->pool_id);
    if (!used.ok()) return http::error_response(used.error());
    return http::json_response(200, agent_json(machine.value(), used.value()[id]));
}

}  // namespace

void add_agent_routes(http::Router& router, ApiContext& ctx) {
    auto& st = ctx.runtime.store();
    router.add("GET", "/api/v1/agents", on_strand(ctx, [&st](const Request& req) {
        return list_agents(st, req);
    }));
    router.add("GET", "/api/v1/agents/{id}", on_strand(ctx, [&st](const Request& req) {
        return show_agent(st, req);
    }));
}

}  // namespace tidepool::daemon
