// CRUD for the objects an operator configures (zones, pools, provider configs, autoscale
// configs, staging configs) and POST /api/v1/apply for a whole bundle. One generic shape for
// all; what differs (extra validation, redaction) is passed in.
#include <algorithm>

#include "daemon/api_context.h"
#include "daemon/json_views.h"
#include "daemon/pagination.h"
#include "model/enums.h"
#include "http/response.h"
#include "model/config_bundle.h"
#include "runtime/config_apply.h"
#include "store/config_apply.h"

namespace tidepool::daemon {
namespace {

using http::Request;
using http::Response;

// A list filter: ?name=value keeps the objects keep(object, value) accepts. `allowed` lists
// the values that make sense (empty: any), so a typo is refused rather than matching nothing.
template <class T>
struct ListFilter {
    std::string name;
    std::vector<std::string> allowed;
    std::function<bool(const T&, const std::string&)> keep;
};

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
    std::vector<ListFilter<T>> filters{};
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
Result<bool> passes(const std::vector<ListFilter<T>>& filters, const Request& req, const T& item) {
    for (const auto& f : filters) {
        auto value = req.query_param(f.name);
        if (!value) continue;
        std::string v(*value);
        if (!f.allowed.empty() && std::find(f.allowed.begin(), f.allowed.end(), v) == f.allowed.end()) {
            std::string allowed;
            for (const auto& a : f.allowed) allowed += (allowed.empty() ? "" : ", ") + a;
            return make_error(ErrorCode::invalid, f.name + " \"" + v + "\" is not allowed; use " +
                                                      allowed, "/query/" + f.name);
        }
        if (!f.keep(item, v)) return false;
    }
    return true;
}

// GET /api/v1/<collection>: filtered, ordered by id, one page at a time.
template <class T>
Response list_objects(const ObjectRoutes<T>& r, const Request& req) {
    std::vector<std::string_view> names;
    for (const auto& f : r.filters) names.push_back(f.name);
    auto page = parse_page(req, names);
    if (!page.ok()) return from_error(page.error());
    auto items = r.list();
    if (!items.ok()) return from_error(items.error());
    std::vector<const T*> kept;
    for (const auto& item : items.value()) {
        auto keep = passes(r.filters, req, item);
        if (!keep.ok()) return from_error(keep.error());
        if (keep.value()) kept.push_back(&item);
    }
    std::sort(kept.begin(), kept.end(), [](const T* a, const T* b) { return a->id < b->id; });
    std::vector<std::string> keys;
    for (const T* item : kept) keys.push_back(item->id);
    auto slice = slice_ascending(keys, page.value());
    std::string out = "{\"items\":[";
    for (auto i = slice.begin; i < slice.end; ++i)
        out += (i > slice.begin ? "," : "") + r.to_json(*kept[i]);
    return http::json_response(200, with_next_cursor(out + "]}", slice.next_cursor));
}

template <class T>
void add_crud(http::Router& router, ApiContext& ctx, ObjectRoutes<T> r,
              std::vector<ListFilter<T>> filters = {}) {
    r.filters = std::move(filters);
    auto base = "/api/v1/" + r.collection;
    router.add("GET", base, on_strand(ctx, [r](const Request& req) { return list_objects(r, req); }));
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

// Checks one object's references as a bundle of one would; errors point at its own members.
template <class T>
Result<void> check_references(store::Store& store, const T& object,
                              std::vector<T> model::ConfigBundle::*array, const char* name) {
    auto known = store::load_known_ids(store);
    if (!known.ok()) return known.error();
    model::ConfigBundle single;
    (single.*array).push_back(object);
    auto r = model::validate_references(single, known.value());
    if (r.ok()) return r;
    Error e = r.error();
    const std::string prefix = "/" + std::string(name) + "/0";
    if (e.field.rfind(prefix, 0) == 0) e.field = e.field.substr(prefix.size());
    return e;
}

void add_staging_routes(http::Router& router, ApiContext& ctx) {
    auto& st = ctx.runtime.store();
    add_crud<model::StagingConfig>(router, ctx, {"staging-configs",
        model::parse_staging_config,
        [&st](const model::StagingConfig& c) {
            return check_references(st, c, &model::ConfigBundle::staging_configs,
                                    "staging_configs");
        },
        [&st](const model::StagingConfig& c) { return st.put_staging_config(c); },
        [&st](const model::Id& id) { return st.get_staging_config(id); },
        [&st] { return st.list_staging_configs(); },
        [&st](const model::Id& id) { return st.remove_staging_config(id); },
        [](const model::StagingConfig& c) {
            rapidjson::StringBuffer buffer;
            model::JsonWriter w(buffer);
            model::write_json(w, c);
            return std::string(buffer.GetString(), buffer.GetSize());
        }},
        {{"pool", {},
          [](const model::StagingConfig& c, const std::string& v) { return c.pool_id == v; }},
         {"workspace", {},
          [](const model::StagingConfig& c, const std::string& v) { return c.workspace == v; }},
         {"enabled", {"true", "false"},
          [](const model::StagingConfig& c, const std::string& v) {
              return c.enabled == (v == "true");
          }}});
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
        [&st](const model::Id& id) { return st.remove_pool(id); }},
        {{"kind", {"server", "agent"},
          [](const model::Pool& p, const std::string& v) { return model::to_string(p.kind) == v; }}});
    add_crud<model::ProviderConfig>(router, ctx, {"provider-configs",
        model::parse_provider_config,
        ok,  // validated by prepare_for_store, after stored secrets are merged in
        [&st, &providers](const model::ProviderConfig& p) -> Result<void> {
            auto prepared = providers.prepare_for_store(p, "");
            if (!prepared.ok()) return prepared.error();
            auto r = st.put_provider_config(prepared.value());
            providers.invalidate(p.id);
            return r;
        },
        [&st](const model::Id& id) { return st.get_provider_config(id); },
        [&st] { return st.list_provider_configs(); },
        [&st](const model::Id& id) { return st.remove_provider_config(id); },
        [&providers](const model::ProviderConfig& p) {
            return model::to_json(providers.redacted(p));
        }},
        {{"kind", {"vm", "dns"},
          [](const model::ProviderConfig& p, const std::string& v) {
              return model::to_string(p.kind) == v;
          }},
         {"plugin", {},
          [](const model::ProviderConfig& p, const std::string& v) { return p.plugin_id == v; }}});
    add_crud<model::AutoScaleConfig>(router, ctx, {"autoscale-configs",
        model::parse_autoscale_config,
        [&st](const model::AutoScaleConfig& c) -> Result<void> {
            if (auto r = check_references(st, c, &model::ConfigBundle::autoscale_configs,
                                          "autoscale_configs");
                !r.ok())
                return r;
            return runtime::validate_autoscale_config(c, "");
        },
        [&ctx](const model::AutoScaleConfig& c) -> Result<void> {
            auto sealed = c;  // the answer shows `c`, whose secrets read back redacted
            if (auto r = runtime::prepare_connection_settings(sealed, ctx.runtime.store(), nullptr,
                                                              connection_prep(ctx), "");
                !r.ok())
                return r;
            return ctx.runtime.store().put_autoscale_config(sealed);
        },
        [&st](const model::Id& id) { return st.get_autoscale_config(id); },
        [&st] { return st.list_autoscale_configs(); },
        [&st](const model::Id& id) { return st.remove_autoscale_config(id); }},
        {{"pool", {},
          [](const model::AutoScaleConfig& c, const std::string& v) { return c.pool_id == v; }},
         {"provider", {},
          [](const model::AutoScaleConfig& c, const std::string& v) {
              return c.vm_provider_id == v || c.dns_provider_id == v;
          }},
         {"enabled", {"true", "false"},
          [](const model::AutoScaleConfig& c, const std::string& v) {
              return c.enabled == (v == "true");
          }}});
    add_staging_routes(router, ctx);

    // Bundles carry every object at once, so they get more room than single-object bodies.
    http::RouteOptions big_body{std::max(std::size_t{8} * 1024 * 1024, ctx.body_limit)};
    router.add("POST", "/api/v1/apply", on_strand(ctx, [&ctx](const Request& req) {
        auto bundle = model::parse_config_bundle_text(req.body);
        if (!bundle.ok()) return from_error(bundle.error());
        auto applied = runtime::apply_bundle(ctx.runtime.store(), ctx.providers, bundle.value(),
                                             connection_prep(ctx));
        if (!applied.ok()) return from_error(applied.error());
        const auto& n = applied.value();
        return http::json_response(
            200, "{\"applied\":{\"zones\":" + std::to_string(n.zones) + ",\"pools\":" +
                     std::to_string(n.pools) + ",\"provider_configs\":" +
                     std::to_string(n.provider_configs) + ",\"autoscale_configs\":" +
                     std::to_string(n.autoscale_configs) + ",\"staging_configs\":" +
                     std::to_string(n.staging_configs) + "}}");
    }), big_body);
}

}  // namespace tidepool::daemon
