// Schedules: when each autoscale config is allowed to keep machines. Schedules are members of
// an autoscale config (there is no separate schedule object to create), so this is a read-only
// view across configs, keyed by config id, that adds what only the daemon knows: whether the
// config is active right now and when that next changes. Edit schedules through the config
// (PUT /api/v1/autoscale-configs/{id} or configs apply); preview a range with
// GET /api/v1/autoscale-configs/{id}/schedule.
#include <algorithm>

#include "daemon/api_context.h"
#include "daemon/pagination.h"
#include "daemon/stored_schedule.h"
#include "http/response.h"
#include "model/json_codec.h"
#include "schedule/evaluate.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

// {"config_id","config_name","pool_id","enabled","active","next_change","schedules",
//  "exceptions","extra_windows"}: the config's own schedule members, as it stores them.
struct ScheduleView {
    bool active = false;
    std::string json;
};

Result<ScheduleView> schedule_view(const model::AutoScaleConfig& config, model::Instant now) {
    auto spec = stored_activity(config);
    if (!spec.ok()) return spec.error();
    rapidjson::Document doc;
    doc.Parse(model::to_json(config).c_str());
    auto& a = doc.GetAllocator();
    rapidjson::Value out(rapidjson::kObjectType);
    out.AddMember("config_id", rapidjson::Value(config.id.c_str(), a), a);
    out.AddMember("config_name", rapidjson::Value(config.name.c_str(), a), a);
    out.AddMember("pool_id", rapidjson::Value(config.pool_id.c_str(), a), a);
    out.AddMember("enabled", config.enabled, a);
    const bool active = schedule::is_active(spec.value(), now);
    out.AddMember("active", active, a);
    auto next = schedule::next_change(spec.value(), now);
    if (next) out.AddMember("next_change", rapidjson::Value(model::format_instant(*next).c_str(), a), a);
    else out.AddMember("next_change", rapidjson::Value(), a);
    for (const char* name : {"schedules", "exceptions", "extra_windows"})
        out.AddMember(rapidjson::StringRef(name), doc[name], a);
    rapidjson::StringBuffer buffer;
    model::JsonWriter w(buffer);
    out.Accept(w);
    return ScheduleView{active, std::string(buffer.GetString(), buffer.GetSize())};
}

Result<bool> active_filter(const Request& req, std::optional<bool>& wanted) {
    auto text = req.query_param("active");
    if (!text) return true;
    if (*text != "true" && *text != "false")
        return make_error(ErrorCode::invalid, "active \"" + std::string(*text) +
                                                  "\" is not allowed; use true or false",
                          "/query/active");
    wanted = *text == "true";
    return true;
}

Response list_schedules(runtime::Runtime& rt, const Request& req) {
    auto page = parse_page(req, {"pool", "active"});
    if (!page.ok()) return http::error_response(page.error());
    std::optional<bool> active;
    if (auto a = active_filter(req, active); !a.ok()) return http::error_response(a.error());
    auto configs = rt.store().list_autoscale_configs();
    if (!configs.ok()) return http::error_response(configs.error());
    auto pool = req.query_param("pool");
    std::vector<std::pair<std::string, std::string>> kept;  // (config id, view)
    for (const auto& c : configs.value()) {
        if (pool && c.pool_id != *pool) continue;
        auto view = schedule_view(c, rt.now());
        if (!view.ok()) return http::error_response(view.error());
        if (active && view->active != *active) continue;
        kept.emplace_back(c.id, view->json);
    }
    std::sort(kept.begin(), kept.end());
    std::vector<std::string> keys;
    for (const auto& k : kept) keys.push_back(k.first);
    auto slice = slice_ascending(keys, page.value());
    std::string out = "{\"items\":[";
    for (auto i = slice.begin; i < slice.end; ++i)
        out += (i > slice.begin ? "," : "") + kept[i].second;
    return http::json_response(200, with_next_cursor(out + "]}", slice.next_cursor));
}

}  // namespace

void add_schedule_routes(http::Router& router, ApiContext& ctx) {
    auto& rt = ctx.runtime;
    router.add("GET", "/api/v1/schedules", on_strand(ctx, [&rt](const Request& req) {
        return list_schedules(rt, req);
    }));
    router.add("GET", "/api/v1/schedules/{id}", on_strand(ctx, [&rt](const Request& req) {
        auto config = rt.store().get_autoscale_config(std::string(req.param("id")));
        if (!config.ok()) return http::error_response(config.error());
        auto view = schedule_view(config.value(), rt.now());
        if (!view.ok()) return http::error_response(view.error());
        return http::json_response(200, view->json);
    }));
}

}  // namespace tidepool::daemon
