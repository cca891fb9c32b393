// What the REST routes need from the daemon, and the one helper that runs a handler's work on
// the runtime's control strand and answers from there.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <rapidjson/document.h>

#include "auth/authenticator.h"
#include "http/router.h"
#include "providers/metered_gateway.h"
#include "providers/resilient_gateway.h"
#include "daemon/queue_wait.h"
#include "daemon/readiness.h"
#include "runtime/connection_config.h"
#include "runtime/provider_gateway.h"
#include "runtime/runtime.h"

namespace tidepool::daemon {

struct PluginAdmin {
    std::function<std::string()> list_json;              // {"items":[…]}
    std::function<Result<std::string>()> reload_json;    // rescan; returns the new list
    // For /metrics: provider call latency and errors, and the resilience layer's counters.
    std::function<std::vector<providers::ProviderCallMetrics>()> provider_calls;
    std::function<providers::ResilienceStats()> resilience_stats;
};

struct ApiContext {
    runtime::Runtime& runtime;
    runtime::ProviderGateway& providers;
    PluginAdmin plugins;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string version;
    std::size_t body_limit = 1024 * 1024;  // the server's; the apply route allows more
    const QueueWait* queue_wait = nullptr;  // for /metrics; fed by the event bus
    auth::Authenticator* auth = nullptr;   // API keys (routes_keys.cpp); required
    const Readiness* readiness = nullptr;  // for /readyz; unset: never ready
    // Whether the caller may see credentials in connection descriptors (broker and admin
    // keys); without authentication configured everyone may.
    std::function<bool(const http::Request&)> sees_credentials = [](const http::Request&) {
        return true;
    };
};

// How configs written through the API seal their connection secrets.
inline runtime::ConnectionPrep connection_prep(ApiContext& ctx) {
    return {ctx.runtime.sealer(), model::to_unix(ctx.runtime.now())};
}

// Runs fn(request) on the control strand and sends what it returns. Every state-reading or
// state-changing route goes through here, so the API never races the reconcile loop.
inline http::Handler on_strand(ApiContext& ctx, std::function<http::Response(const http::Request&)> fn) {
    return [&ctx, fn = std::move(fn)](const http::Request& request, http::Responder responder) {
        // Under the request's id, so what the runtime logs for it can be traced back.
        runtime::RequestScope scope(request.request_id);
        ctx.runtime.post([fn, request, responder] { responder.send(fn(request)); });
    };
}

// Like on_strand, for routes whose answer acknowledges a write (a session requested or ended):
// fn runs in the runtime's group commit (Runtime::post_durable) and the answer is sent only
// once what it wrote is on disk. An error answer (4xx/5xx) rolls back fn's writes; a failed
// commit turns a success into that error.
inline http::Handler on_strand_durable(ApiContext& ctx,
                                       std::function<http::Response(const http::Request&)> fn) {
    return [&ctx, fn = std::move(fn)](const http::Request& request, http::Responder responder) {
        runtime::RequestScope scope(request.request_id);
        auto answer = std::make_shared<http::Response>();
        ctx.runtime.post_durable(
            [fn, request, answer]() -> Result<void> {
                *answer = fn(request);
                if (answer->status < 400) return {};
                return make_error(ErrorCode::invalid, "the route answered an error");
            },
            [answer, responder](const Result<void>& stored) {
                bool failed_by_itself = answer->status >= 400;
                responder.send(stored.ok() || failed_by_itself ? *answer
                                                               : http::error_response(stored.error()));
            });
    };
}

// Parses a JSON request body, or answers why not.
Result<rapidjson::Document> parse_body(const http::Request& request);

void add_object_routes(http::Router& router, ApiContext& ctx);
void add_machine_routes(http::Router& router, ApiContext& ctx);
void add_agent_routes(http::Router& router, ApiContext& ctx);
void add_schedule_routes(http::Router& router, ApiContext& ctx);
void add_session_routes(http::Router& router, ApiContext& ctx);
void add_system_routes(http::Router& router, ApiContext& ctx);
void add_planning_routes(http::Router& router, ApiContext& ctx);
void add_connection_routes(http::Router& router, ApiContext& ctx);
void add_openapi_route(http::Router& router);
void add_metrics_route(http::Router& router, ApiContext& ctx);
void add_event_routes(http::Router& router, ApiContext& ctx);
// /api/v1/keys…; throws std::logic_error when ctx.auth is not set.
void add_key_routes(http::Router& router, ApiContext& ctx);

// Every route above: what tidepoold serves (api_routes.cpp).
void add_api_routes(http::Router& router, ApiContext& ctx);

}  // namespace tidepool::daemon
