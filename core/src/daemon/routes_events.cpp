// GET /api/v1/events: the runtime's event bus as server-sent events. Each event is
// `event: <kind>`, `id: <seq>`, `data: <JSON>`; a client that reconnects with Last-Event-ID
// first gets what it missed from the bus's bounded memory, then live events. If the gap is
// older than that memory, a `resync` event says so, so the client re-reads state instead of
// trusting a stream with a hole in it. Heartbeat comments come from the HTTP server.
#include <memory>

#include "daemon/api_context.h"
#include "daemon/session_connection.h"
#include "runtime/events_json.h"
#include "http/response.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

struct StreamRequest {
    std::string pool;              // "" = every pool
    std::int64_t last_seen = -1;   // Last-Event-ID; -1 = live events only
    bool with_credentials = false; // the caller's role may see connection credentials
};

Result<StreamRequest> parse_stream_request(ApiContext& ctx, const Request& req) {
    auto& rt = ctx.runtime;
    StreamRequest out;
    out.with_credentials = ctx.sees_credentials(req);
    for (const auto& [name, value] : req.query) {
        if (name != "pool")
            return make_error(ErrorCode::invalid, "unknown query parameter \"" + name +
                                                      "\"; allowed: pool", "/query/" + name);
        out.pool = value;
        if (auto p = rt.store().get_pool(value); !p.ok())
            return make_error(ErrorCode::not_found, "pool \"" + value + "\" does not exist",
                              "/query/pool");
    }
    if (auto id = req.header("Last-Event-ID")) {
        try {
            std::size_t used = 0;
            out.last_seen = std::stoll(std::string(*id), &used);
            if (used != id->size() || out.last_seen < 0) throw std::invalid_argument("");
        } catch (...) {
            return make_error(ErrorCode::invalid, "Last-Event-ID \"" + std::string(*id) +
                                                      "\" is not an event id (a whole number " +
                                                      "from an earlier event's id: line)",
                              "/headers/Last-Event-ID");
        }
    }
    return out;
}

bool wanted(const StreamRequest& r, const runtime::Event& e) {
    return r.pool.empty() || e.pool_id == r.pool;
}

// A placement event carries the session's connection descriptor, built now for this
// subscriber's role: the bus itself never holds credentials.
void send_event(runtime::Runtime& rt, const StreamRequest& r, const http::EventStream& stream,
                const runtime::Event& e) {
    std::string json = runtime::to_json(e);
    if (e.kind == runtime::EventKind::session_placed && !e.session_id.empty())
        json = with_connection(rt, std::move(json), e.session_id, true, r.with_credentials);
    stream.send(runtime::to_string(e.kind), json, std::to_string(e.seq));
}

// Events missed_from..missed_to are no longer remembered: the client must re-read state.
std::string resync_json(std::int64_t missed_from, std::int64_t missed_to) {
    return "{\"kind\":\"resync\",\"missed_from\":" + std::to_string(missed_from) +
           ",\"missed_to\":" + std::to_string(missed_to) + ",\"message\":\"events " +
           std::to_string(missed_from) + " to " + std::to_string(missed_to) +
           " are no longer remembered; re-read the state you need\"}";
}

// Replays what the client missed, then subscribes. Runs on the control strand, where every
// publish happens, so no event can fall between the replay and the subscription.
void open_stream(runtime::Runtime& rt, const StreamRequest& r, http::Responder responder) {
    auto& bus = rt.events();
    auto stream = responder.start_events();
    if (r.last_seen >= 0) {
        auto missed = bus.since(r.last_seen);
        std::int64_t first_kept = missed.empty() ? bus.last_seq() + 1 : missed.front().seq;
        if (first_kept > r.last_seen + 1)
            stream.send("resync", resync_json(r.last_seen + 1, first_kept - 1),
                        std::to_string(first_kept - 1));
        for (const auto& e : missed)
            if (wanted(r, e)) send_event(rt, r, stream, e);
    }
    auto subscription = std::make_shared<runtime::Subscription>(
        bus.subscribe([&rt, stream, r](const runtime::Event& e) {
            if (wanted(r, e)) send_event(rt, r, stream, e);
        }));
    // The subscription holds the handler, which holds the stream: dropping the subscription
    // when the stream ends breaks that cycle and frees the connection.
    stream.on_close([subscription] { subscription->reset(); });
}

}  // namespace

void add_event_routes(http::Router& router, ApiContext& ctx) {
    router.add("GET", "/api/v1/events", [&ctx](const Request& request, http::Responder responder) {
        ctx.runtime.post([&ctx, request, responder] {
            auto parsed = parse_stream_request(ctx, request);
            if (!parsed.ok()) {
                responder.send(http::error_response(parsed.error()));
                return;
            }
            open_stream(ctx.runtime, parsed.value(), responder);
        });
    });
}

}  // namespace tidepool::daemon
