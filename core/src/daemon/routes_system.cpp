// Health, status, plugins and decision records.
#include <map>

#include "daemon/api_context.h"
#include "http/response.h"
#include "model/enums.h"
#include "model/json_codec.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

Response status(ApiContext& ctx) {
    auto& st = ctx.runtime.store();
    auto pools = st.list_pools();
    auto servers = st.list_servers();
    auto sessions = st.list_sessions({std::nullopt, std::nullopt, std::nullopt,
                                      {model::SessionState::queued,
                                       model::SessionState::placed}});
    if (!pools.ok()) return http::error_response(pools.error());
    if (!servers.ok()) return http::error_response(servers.error());
    if (!sessions.ok()) return http::error_response(sessions.error());
    std::map<std::string, int> by_state{{"starting", 0}, {"running", 0}, {"draining", 0},
                                        {"deleting", 0}, {"failed", 0}};
    for (const auto& s : servers.value())
        if (s.state != model::MachineState::gone) ++by_state[model::to_string(s.state)];
    int queued = 0, placed = 0;
    for (const auto& s : sessions.value())
        (s.state == model::SessionState::queued ? queued : placed)++;
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - ctx.started);
    auto counts = ctx.runtime.reconcile_counts();
    std::string out = "{\"version\":\"" + ctx.version + "\",\"installation_id\":\"" +
                      ctx.runtime.installation_id() + "\",\"uptime_s\":" +
                      std::to_string(uptime.count()) + ",\"pools\":" +
                      std::to_string(pools->size()) + ",\"servers\":{";
    bool first = true;
    for (const auto& [state, n] : by_state) {
        out += (first ? "\"" : ",\"") + state + "\":" + std::to_string(n);
        first = false;
    }
    out += "},\"sessions\":{\"queued\":" + std::to_string(queued) +
           ",\"placed\":" + std::to_string(placed) + "},\"reconcile\":{\"adopted\":" +
           std::to_string(counts.adopted) + ",\"orphans_deleted\":" +
           std::to_string(counts.orphans_deleted) + ",\"intents_finished\":" +
           std::to_string(counts.intents_finished) + ",\"intents_rolled_back\":" +
           std::to_string(counts.intents_rolled_back) + ",\"vanished\":" +
           std::to_string(counts.vanished) + ",\"last_run\":\"" +
           model::format_instant(counts.last_run) + "\"}}";
    return http::json_response(200, out);
}

}  // namespace

Result<rapidjson::Document> parse_body(const http::Request& request) {
    auto doc = model::parse_json_text(request.body);
    if (!doc.ok()) return doc.error();
    if (!doc->IsObject())
        return make_error(ErrorCode::invalid, "the request body must be a JSON object", "");
    return doc;
}

void add_system_routes(http::Router& router, ApiContext& ctx) {
    router.add_sync("GET", "/healthz", [](const Request&) {
        return http::text_response(200, "ok\n");
    });
    router.add_sync("GET", "/readyz", [&ctx](const Request&) {
        return ctx.readiness ? ctx.readiness->probe() : Readiness{}.probe();
    });
    router.add("GET", "/api/v1/status", on_strand(ctx, [&ctx](const Request&) {
        return status(ctx);
    }));
    router.add("GET", "/api/v1/plugins", on_strand(ctx, [&ctx](const Request&) {
        return http::json_response(200, ctx.plugins.list_json());
    }));
    router.add("POST", "/api/v1/plugins/reload", on_strand(ctx, [&ctx](const Request&) {
        auto r = ctx.plugins.reload_json();
        if (!r.ok()) return http::error_response(r.error());
        return http::json_response(200, r.value());
    }));
    router.add("POST", "/api/v1/reconcile", on_strand(ctx, [&ctx](const Request&) {
        ctx.runtime.reconcile();
        ctx.runtime.tick();
        return http::json_response(202, "{\"status\":\"started\"}");
    }));
}

}  // namespace tidepool::daemon
