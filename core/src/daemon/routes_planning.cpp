// Why the planner did what it did: decision records, snapshots for dry runs, and schedule
// previews of stored configs.
#include <rapidjson/document.h>

#include "daemon/api_context.h"
#include "daemon/pagination.h"
#include "daemon/stored_schedule.h"
#include "dryrun/snapshot_json.h"
#include "http/response.h"
#include "model/json_codec.h"
#include "schedule/evaluate.h"
#include "schedule/iso8601.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

Response decisions(runtime::Runtime& rt, const Request& req) {
    auto pool = std::string(req.param("id"));
    if (auto p = rt.store().get_pool(pool); !p.ok()) return http::error_response(p.error());
    auto page = parse_page(req, {});
    if (!page.ok()) return http::error_response(page.error());
    if (!req.query_param("limit")) page->limit = 20;
    std::int64_t before = INT64_MAX;  // newest first: a cursor is the last seq returned
    if (page->after) {
        try {
            before = std::stoll(*page->after);
        } catch (...) {
            return http::error_response(make_error(ErrorCode::invalid, "cursor is not one this "
                                                   "route returned", "/query/cursor"));
        }
    }
    auto records = rt.store().list_decisions(pool, 0);
    if (!records.ok()) return http::error_response(records.error());
    std::string out = "{\"items\":[";
    std::size_t shown = 0;
    std::optional<std::string> next;
    for (const auto& r : records.value()) {
        if (r.seq >= before) continue;
        if (shown == page->limit) {
            next = encode_cursor(std::to_string(before));  // the last seq returned
            break;
        }
        out += std::string(shown++ ? "," : "") + "{\"seq\":" + std::to_string(r.seq) +
               ",\"at\":\"" + model::format_instant(r.at) + "\",\"plan\":" + r.json + "}";
        before = r.seq;
    }
    return http::json_response(200, with_next_cursor(out + "]}", next));
}

Result<schedule::Instant> instant_param(const Request& req, const char* name) {
    auto text = req.query_param(name);
    std::string pointer = std::string("/query/") + name;
    if (!text)
        return make_error(ErrorCode::invalid, std::string(name) + " is required (an RFC 3339 " +
                                                  "instant such as 2026-03-02T00:00:00Z)", pointer);
    auto t = schedule::parse_instant(*text, pointer);
    if (!t.ok())
        return make_error(ErrorCode::invalid, "\"" + std::string(*text) + "\" is not an RFC " +
                                                  "3339 instant such as 2026-03-02T00:00:00Z",
                          pointer);
    return t.value();
}

Response schedule_preview(runtime::Runtime& rt, const Request& req) {
    auto config = rt.store().get_autoscale_config(std::string(req.param("id")));
    if (!config.ok()) return http::error_response(config.error());
    auto from = instant_param(req, "from");
    if (!from.ok()) return http::error_response(from.error());
    auto to = instant_param(req, "to");
    if (!to.ok()) return http::error_response(to.error());
    if (to.value() - from.value() > std::chrono::hours(24 * 366))
        return http::error_response(make_error(ErrorCode::invalid,
                                               "the range may span at most 366 days", "/query/to"));
    auto spec = stored_activity(config.value());
    if (!spec.ok()) return http::error_response(spec.error());
    return http::json_response(200, schedule::intervals_to_json(schedule::active_intervals(
                                        spec.value(), from.value(), to.value())));
}

}  // namespace

void add_planning_routes(http::Router& router, ApiContext& ctx) {
    router.add("GET", "/api/v1/pools/{id}/decisions", on_strand(ctx, [&ctx](const Request& r) {
        return decisions(ctx.runtime, r);
    }));
    router.add("GET", "/api/v1/pools/{id}/snapshot", on_strand(ctx, [&ctx](const Request& r) {
        auto snap = ctx.runtime.snapshot(std::string(r.param("id")));
        if (!snap.ok()) return http::error_response(snap.error());
        return http::json_response(200, dryrun::write_snapshot(snap.value(), ctx.runtime.now()));
    }));
    router.add("GET", "/api/v1/autoscale-configs/{id}/schedule",
               on_strand(ctx, [&ctx](const Request& r) { return schedule_preview(ctx.runtime, r); }));
}

}  // namespace tidepool::daemon
