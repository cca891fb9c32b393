// CRUD for the objects an operator configures (zones, pools, provider configs, autoscale
// configs) and POST /api/v1/apply for a whole bundle. One generic shape for all four; what
// differs (extra validation, redaction) is passed in.
#include <algorithm>

#include "daemon/api_context.h"
#include "daemon/json_views.h"
#include "http/response.h"
#include "model/config_bundle.h"
#include "runtime/config_apply.h"
#include "store/config_apply.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

template <class T>
struct ObjectRoutes {
    std::string collection;  // "zones"
    Result<T> (*parse)(const rapidjson::Value&, std::string_view);
    std::function<Result<void>(const T&)> validate;  // beyond the codec
    std::function<Result<void>(const T&)> put;
    std::function<Result<T>(const model::Id&)> get;
    std::function<Result<std::vector<T>>()> list;
    std::function<Result<void>(const model::Id&)> remove;
    std::function<std::string(const T&)> to_json = [](const T& v) { return model::to_json(v); };
};

Response from_error(const Error& e) { return http::error_response(e); }

template <class T>
Response store_object(const ObjectRoutes<T>& r, const Request& req, bool create) {
    auto body = parse_body(req);
    if (!body.ok()) return from_error(body.error());
    auto object = r.parse(body.value(), "");
    if (!object.ok()) return from_error(object.error());
    if (!create && object->id != req.param("id"))
        return from_error(make_error(ErrorCode::invalid,
                                     "\"id\": \"" + object->id + "\" differs from the id in the " +
                                         "path (\"" + std::string(req.param("id")) + "\")",
                                     "/id"));
    if (create && r.get(object->id).ok())
        return from_error(make_error(ErrorCode::conflict,
                                     r.collection + " \"" + object->id + "\" already exists; " +
                                         "use PUT to replace it",
                                     "/id"));
    if (auto v = r.validate(object.value()); !v.ok()) return from_error(v.error());
    if (auto p = r.put(object.value()); !p.ok()) return from_error(p.error());
    return http::json_response(create ? 201 : 200, r.to_json(object.value()));
}

template <class T>
void add_crud(http::Router& router, ApiContext& ctx, ObjectRoutes<T> r) {
    auto base = "/api/v1/" + r.collection;
    router.add("GET", base, on_strand(ctx, [r](const Request&) {
        auto items = r.list();
        if (!items.ok()) return from_error(items.error());
        std::string out = "{\"items\":[";
        for (size_t i = 0; i < items->size(); ++i)
            out += (i ? "," : "") + r.to_json(items.value()[i]);
        return http::json_response(200, out + "]}");
    }));
    router.add("POST", base, on_strand(ctx, [r](const Request& req) {
        return store_object(r, req, true);
    }));
    router.add("GET", base + "/{id}", on_strand(ctx, [r](const Request& req) {
        auto item = r.get(std::string(req.param("id")));
        if (!item.ok()) return from_error(item.error());
        return http::json_response(200, r.to_json(item.value()));
    }));
    router.add("PUT", base + "/{id}", on_strand(ctx, [r](const Request& req) {
        return store_object(r, req, false);
    }));
    router.add("DELETE", base + "/{id}", on_strand(ctx, [r](const Request& req) {
        if (auto d = r.remove(std::string(req.param("id"))); !d.ok()) return from_error(d.error());
        return Response{204, {}, "", "application/json"};
    }));
}

Result<void> check_references(store::Store& store, const model::AutoScaleConfig& config) {
    auto known = store::load_known_ids(store);
    if (!known.ok()) return known.error();
    model::ConfigBundle single;
    single.autoscale_configs.push_back(config);
    return model::validate_references(single, known.value());
}

}  // namespace

void add_object_routes(http::Router& router, ApiContext& ctx) {
    auto& st = ctx.runtime.store();
    auto& providers = ctx.providers;
    auto ok = [](const auto&) -> Result<void> { return {}; };
    add_crud<model::Zone>(router, ctx, {"zones", model::parse_zone, ok,
        [&st](const model::Zone& z) { return st.put_zone(z); },
        [&st](const model::Id& id) { return st.get_zone(id); },
        [&st] { return st.list_zones(); },
        [&st](const model::Id& id) { return st.remove_zone(id); }});
    add_crud<model::Pool>(router, ctx, {"pools", model::parse_pool, ok,
        [&st](const model::Pool& p) { return st.put_pool(p); },
        [&st](const model::Id& id) { return st.get_pool(id); },
        [&st] { return st.list_pools(); },
        [&st](const model::Id& id) { return st.remove_pool(id); }});
    add_crud<model::ProviderConfig>(router, ctx, {"provider-configs",
        model::parse_provider_config,
        [&providers](const model::ProviderConfig& p) {
            return providers.validate_provider_config(p, "");
        },
        [&st, &providers](const model::ProviderConfig& p) {
            auto r = st.put_provider_config(p);
            providers.invalidate(p.id);
            return r;
        },
        [&st](const model::Id& id) { return st.get_provider_config(id); },
        [&st] { return st.list_provider_configs(); },
        [&st](const model::Id& id) { return st.remove_provider_config(id); },
        [&providers](const model::ProviderConfig& p) {
            return model::to_json(providers.redacted(p));
        }});
    add_crud<model::AutoScaleConfig>(router, ctx, {"autoscale-configs",
        model::parse_autoscale_config,
        [&st](const model::AutoScaleConfig& c) -> Result<void> {
            if (auto r = check_references(st, c); !r.ok()) return r;
            return runtime::validate_autoscale_config(c, "");
        },
        [&st](const model::AutoScaleConfig& c) { return st.put_autoscale_config(c); },
        [&st](const model::Id& id) { return st.get_autoscale_config(id); },
        [&st] { return st.list_autoscale_configs(); },
        [&st](const model::Id& id) { return st.remove_autoscale_config(id); }});

    // Bundles carry every object at once, so they get more room than single-object bodies.
    http::RouteOptions big_body{std::max(std::size_t{8} * 1024 * 1024, ctx.body_limit)};
    router.add("POST", "/api/v1/apply", on_strand(ctx, [&ctx](const Request& req) {
        auto bundle = model::parse_config_bundle_text(req.body);
        if (!bundle.ok()) return from_error(bundle.error());
        auto applied = runtime::apply_bundle(ctx.runtime.store(), ctx.providers, bundle.value());
        if (!applied.ok()) return from_error(applied.error());
        const auto& n = applied.value();
        return http::json_response(
            200, "{\"applied\":{\"zones\":" + std::to_string(n.zones) + ",\"pools\":" +
                     std::to_string(n.pools) + ",\"provider_configs\":" +
                     std::to_string(n.provider_configs) + ",\"autoscale_configs\":" +
                     std::to_string(n.autoscale_configs) + "}}");
    }), big_body);
}

}  // namespace tidepool::daemon
