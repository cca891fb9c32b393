// Session requests and releases: the broker-facing part of the API.
#include <limits>

#include "daemon/api_context.h"
#include "daemon/json_views.h"
#include "daemon/pagination.h"
#include "daemon/session_connection.h"
#include "http/response.h"
#include "model/enums.h"
#include "model/json_reader.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

Error bad(const std::string& field, const std::string& message) {
    return make_error(ErrorCode::invalid, message, field);
}

// {"pool_id": "...", "user": "...", "kind": "desktop"|"app", "priority": int,
//  "workspace": "..." (agent pools: take a staged session of this workspace first),
//  "cores", "gpus", "memory_gib": numbers >= 0 (agent pools: what the session holds)}
// Values the runtime judges against the pool (sizes, the pool's kind) are checked there, so the
// embedding API gets the same answers.
Result<runtime::SessionRequest> parse_request(const rapidjson::Document& doc) {
    runtime::SessionRequest r;
    model::ObjectReader reader(doc, "", "a session request");
    reader.text("pool_id", r.pool_id, true);
    reader.text("user", r.user, true);
    reader.enumeration("kind", r.kind);
    reader.integer("priority", r.priority, std::numeric_limits<int>::min(),
                   std::numeric_limits<int>::max());
    reader.text("workspace", r.workspace);
    reader.number("cores", r.cores, 0);
    reader.number("gpus", r.gpus, 0);
    reader.number("memory_gib", r.memory_gib, 0);
    if (auto done = reader.finish(); !done) return done.error();
    if (r.pool_id.empty()) return bad("/pool_id", "\"pool_id\": \"\" is not allowed; name a pool");
    if (r.user.empty()) return bad("/user", "\"user\": \"\" is not allowed; name the user");
    return r;
}

Result<store::SessionFilter> parse_filter(const Request& req) {
    store::SessionFilter f;
    if (auto pool = req.query_param("pool")) f.pool_id = std::string(*pool);
    if (auto user = req.query_param("user")) f.user = std::string(*user);
    if (auto server = req.query_param("server")) f.server_id = std::string(*server);
    if (auto state = req.query_param("state")) {
        auto s = model::parse_session_state(*state);
        if (!s) return bad("/query/state", "state \"" + std::string(*state) + "\" is not " +
                                               "allowed; use queued, placed, ended, failed, " +
                                               "cancelled or staged");
        f.states.push_back(*s);
    } else {
        f.states = {model::SessionState::queued, model::SessionState::placed};
    }
    return f;
}

}  // namespace

void add_session_routes(http::Router& router, ApiContext& ctx) {
    auto& rt = ctx.runtime;
    router.add("GET", "/api/v1/sessions", on_strand(ctx, [&rt](const Request& req) {
        auto page = parse_page(req, {"pool", "user", "state", "server"});
        if (!page.ok()) return http::error_response(page.error());
        auto filter = parse_filter(req);
        if (!filter.ok()) return http::error_response(filter.error());
        auto list = rt.list_sessions(filter.value());
        if (!list.ok()) return http::error_response(list.error());
        auto& all = list.value();
        std::sort(all.begin(), all.end(),
                  [](const auto& a, const auto& b) { return a.session.id < b.session.id; });
        std::vector<std::string> keys;
        for (const auto& v : all) keys.push_back(v.session.id);
        auto slice = slice_ascending(keys, page.value());
        std::vector<runtime::SessionView> shown(
            all.begin() + static_cast<std::ptrdiff_t>(slice.begin),
            all.begin() + static_cast<std::ptrdiff_t>(slice.end));
        return http::json_response(200, with_next_cursor(sessions_json(shown), slice.next_cursor));
    }));
    // A placed session carries its connection descriptor (credentials only for roles that may
    // see them), so a broker needs no second call to connect the user.
    auto placed_json = [&ctx](const runtime::SessionView& view, const Request& req) {
        return with_connection(ctx.runtime, session_json(view), view.session.id,
                               view.session.state == model::SessionState::placed,
                               ctx.sees_credentials(req));
    };
    router.add("POST", "/api/v1/sessions", on_strand_durable(ctx, [&rt, placed_json](const Request& req) {
        auto body = parse_body(req);
        if (!body.ok()) return http::error_response(body.error());
        auto request = parse_request(body.value());
        if (!request.ok()) return http::error_response(request.error());
        auto view = rt.request_session(request.value());
        if (!view.ok()) return http::error_response(view.error());
        bool placed = view->session.state == model::SessionState::placed;
        return http::json_response(placed ? 201 : 202, placed_json(view.value(), req));
    }));
    auto get_one = [&rt, placed_json](const Request& req) {
        auto view = rt.get_session(std::string(req.param("id")));
        if (!view.ok()) return http::error_response(view.error());
        return http::json_response(200, placed_json(view.value(), req));
    };
    router.add("GET", "/api/v1/sessions/{id}", on_strand(ctx, get_one));
    router.add("DELETE", "/api/v1/sessions/{id}", on_strand_durable(ctx, [&rt](const Request& req) {
        auto id = std::string(req.param("id"));
        if (auto r = rt.release_session(id); !r.ok()) return http::error_response(r.error());
        auto view = rt.get_session(id);
        if (!view.ok()) return http::error_response(view.error());
        return http::json_response(200, session_json(view.value()));
    }));
}

}  // namespace tidepool::daemon
