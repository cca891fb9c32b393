#include "runtime/config_apply.h"

#include <rapidjson/document.h>

#include "runtime/startup_script.h"
#include "schedule/parse.h"

namespace tidepool::runtime {

Result<void> validate_autoscale_config(const model::AutoScaleConfig& config,
                                       const std::string& pointer) {
    if (auto r = check_template(config.startup_script, pointer + "/startup_script"); !r.ok())
        return r;
    if (config.schedule_json.empty()) return {};
    rapidjson::Document doc;
    doc.Parse(config.schedule_json.c_str());
    auto parsed = schedule::parse_activity(doc, pointer, schedule::ParseMode::kStandalone);
    if (parsed.ok()) return {};
    // Report the first problem as the error's field and every problem in the message, so an
    // operator fixes a config in one edit.
    const auto& errors = parsed.errors();
    std::string message;
    for (const auto& e : errors) {
        if (!message.empty()) message += "; ";
        message += e.pointer + ": " + (e.value.empty() ? "" : e.value + " ") + e.message;
    }
    return make_error(ErrorCode::invalid, message, errors.front().pointer);
}

Result<model::KnownIds> known_ids(store::Store& store) {
    model::KnownIds known;
    auto zones = store.list_zones();
    auto pools = store.list_pools();
    auto providers = store.list_provider_configs();
    if (!zones.ok()) return zones.error();
    if (!pools.ok()) return pools.error();
    if (!providers.ok()) return providers.error();
    for (const auto& z : zones.value()) known.zones.insert(z.id);
    for (const auto& p : pools.value()) known.pools.insert(p.id);
    for (const auto& p : providers.value()) known.provider_configs[p.id] = p.kind;
    return known;
}

namespace {

Result<void> validate_bundle(ProviderGateway& providers, const model::ConfigBundle& bundle,
                             const model::KnownIds& known) {
    if (auto r = model::validate_references(bundle, known); !r.ok()) return r;
    for (size_t i = 0; i < bundle.provider_configs.size(); ++i) {
        std::string pointer = "/provider_configs/" + std::to_string(i);
        if (auto r = providers.validate_provider_config(bundle.provider_configs[i], pointer);
            !r.ok())
            return r;
    }
    for (size_t i = 0; i < bundle.autoscale_configs.size(); ++i) {
        std::string pointer = "/autoscale_configs/" + std::to_string(i);
        if (auto r = validate_autoscale_config(bundle.autoscale_configs[i], pointer); !r.ok())
            return r;
    }
    return {};
}

Result<void> write_bundle(store::Store& store, const model::ConfigBundle& bundle) {
    return store.transaction([&]() -> Result<void> {
        for (const auto& z : bundle.zones)
            if (auto r = store.put_zone(z); !r.ok()) return r;
        for (const auto& p : bundle.pools)
            if (auto r = store.put_pool(p); !r.ok()) return r;
        for (const auto& p : bundle.provider_configs)
            if (auto r = store.put_provider_config(p); !r.ok()) return r;
        for (const auto& c : bundle.autoscale_configs)
            if (auto r = store.put_autoscale_config(c); !r.ok()) return r;
        return {};
    });
}

}  // namespace

Result<ApplyCounts> apply_bundle(store::Store& store, ProviderGateway& providers,
                                 const model::ConfigBundle& bundle) {
    auto known = known_ids(store);
    if (!known.ok()) return known.error();
    if (auto r = validate_bundle(providers, bundle, known.value()); !r.ok()) return r.error();
    if (auto r = write_bundle(store, bundle); !r.ok()) return r.error();
    for (const auto& p : bundle.provider_configs) providers.invalidate(p.id);
    return ApplyCounts{static_cast<int>(bundle.zones.size()), static_cast<int>(bundle.pools.size()),
                       static_cast<int>(bundle.provider_configs.size()),
                       static_cast<int>(bundle.autoscale_configs.size())};
}

}  // namespace tidepool::runtime
