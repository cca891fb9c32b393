// Servers (list, show, drain, undrain) and the check-in route a new server calls.
#include "daemon/api_context.h"
#include "daemon/json_views.h"
#include "daemon/pagination.h"
#include "http/response.h"
#include "model/enums.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

std::optional<model::MachineState> state_param(const Request& req, Error& error) {
    auto text = req.query_param("state");
    if (!text) return std::nullopt;
    auto state = model::parse_machine_state(*text);
    if (!state)
        error = make_error(ErrorCode::invalid, "state \"" + std::string(*text) +
                               "\" is not allowed; use starting, running, draining, deleting, " +
                               "gone or failed", "/query/state");
    return state;
}

Response list_servers(runtime::Runtime& rt, const Request& req) {
    auto page = parse_page(req, {"pool", "state", "config"});
    if (!page.ok()) return http::error_response(page.error());
    store::ServerFilter filter;
    if (auto pool = req.query_param("pool")) filter.pool_id = std::string(*pool);
    if (auto config = req.query_param("config")) filter.config_id = std::string(*config);
    Error error;
    if (auto state = state_param(req, error)) filter.states.push_back(*state);
    if (!error.message.empty()) return http::error_response(error);
    auto servers = rt.store().list_servers(filter);
    if (!servers.ok()) return http::error_response(servers.error());
    // "gone" rows are history; show them only when asked for.
    if (filter.states.empty()) {
        auto& v = servers.value();
        v.erase(std::remove_if(v.begin(), v.end(),
                               [](const auto& s) { return s.state == model::MachineState::gone; }),
                v.end());
    }
    auto placed = rt.store().list_sessions({filter.pool_id, std::nullopt, std::nullopt,
                                            {model::SessionState::placed}});
    if (!placed.ok()) return http::error_response(placed.error());
    auto& all = servers.value();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<std::string> keys;
    for (const auto& s : all) keys.push_back(s.id);
    auto slice = slice_ascending(keys, page.value());
    std::vector<model::Server> shown(all.begin() + static_cast<std::ptrdiff_t>(slice.begin),
                                     all.begin() + static_cast<std::ptrdiff_t>(slice.end));
    return http::json_response(200, with_next_cursor(servers_json(shown, placed.value()),
                                                     slice.next_cursor));
}

Response show_server(runtime::Runtime& rt, const model::Server& server, int status = 200) {
    auto placed = rt.store().list_sessions({std::nullopt, server.id, std::nullopt,
                                            {model::SessionState::placed}});
    int count = placed.ok() ? static_cast<int>(placed->size()) : 0;
    return http::json_response(status, server_json(server, count));
}

Response check_in(runtime::Runtime& rt, const Request& req) {
    std::string status = "running", address;
    if (!req.body.empty()) {
        auto body = parse_body(req);
        if (!body.ok()) return http::error_response(body.error());
        const auto& doc = body.value();
        if (doc.HasMember("status") && doc["status"].IsString()) status = doc["status"].GetString();
        if (doc.HasMember("address") && doc["address"].IsString())
            address = doc["address"].GetString();
    }
    auto token = req.query_param("token");
    auto server = rt.check_in(token ? std::string(*token) : "", status, address);
    if (!server.ok()) return http::error_response(server.error());
    return http::json_response(200, "{\"status\":\"running\",\"server_id\":\"" +
                                        server->id + "\"}");
}

}  // namespace

void add_machine_routes(http::Router& router, ApiContext& ctx) {
    auto& rt = ctx.runtime;
    router.add("GET", "/api/v1/servers", on_strand(ctx, [&rt](const Request& req) {
        return list_servers(rt, req);
    }));
    router.add("GET", "/api/v1/servers/{id}", on_strand(ctx, [&rt](const Request& req) {
        auto server = rt.store().get_server(std::string(req.param("id")));
        if (!server.ok()) return http::error_response(server.error());
        return show_server(rt, server.value());
    }));
    for (bool draining : {true, false}) {
        router.add("POST", draining ? "/api/v1/servers/{id}/drain" : "/api/v1/servers/{id}/undrain",
                   on_strand(ctx, [&rt, draining](const Request& req) {
                       auto s = rt.set_draining(std::string(req.param("id")), draining);
                       if (!s.ok()) return http::error_response(s.error());
                       return show_server(rt, s.value());
                   }));
    }
    // The path the brief documents for servers reporting in; authenticated by the per-server
    // token alone (never an API key), so it lives outside /api/v1.
    router.add("POST", "/api/set_server_status", on_strand(ctx, [&rt](const Request& req) {
        return check_in(rt, req);
    }));
}

}  // namespace tidepool::daemon
