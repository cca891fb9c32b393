#include "runtime/config_apply.h"

#include <rapidjson/document.h>

#include "runtime/startup_script.h"
#include "store/config_apply.h"
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

namespace {

// What the store cannot check itself: plugin schemas (checked as each provider config is
// prepared for the store, which also seals its secrets), schedules and startup templates.
Result<void> validate_autoscale_configs(const model::ConfigBundle& bundle) {
    for (size_t i = 0; i < bundle.autoscale_configs.size(); ++i) {
        std::string pointer = "/autoscale_configs/" + std::to_string(i);
        if (auto r = validate_autoscale_config(bundle.autoscale_configs[i], pointer); !r.ok())
            return r;
    }
    return {};
}

Result<model::ConfigBundle> prepare_bundle(ProviderGateway& providers,
                                           const model::ConfigBundle& bundle) {
    model::ConfigBundle out = bundle;
    for (size_t i = 0; i < bundle.provider_configs.size(); ++i) {
        std::string pointer = "/provider_configs/" + std::to_string(i);
        auto prepared = providers.prepare_for_store(bundle.provider_configs[i], pointer);
        if (!prepared.ok()) return prepared.error();
        out.provider_configs[i] = std::move(prepared.value());
    }
    if (auto r = validate_autoscale_configs(bundle); !r.ok()) return r.error();
    return out;
}

}  // namespace

Result<ApplyCounts> apply_bundle(store::Store& store, ProviderGateway& providers,
                                 const model::ConfigBundle& bundle, const ConnectionPrep& prep) {
    auto prepared = prepare_bundle(providers, bundle);
    if (!prepared.ok()) return prepared.error();
    model::ConfigBundle sealed = std::move(prepared.value());
    for (size_t i = 0; i < sealed.autoscale_configs.size(); ++i) {
        if (auto r = prepare_connection_settings(sealed.autoscale_configs[i], store, &sealed, prep,
                                                 "/autoscale_configs/" + std::to_string(i));
            !r.ok())
            return r.error();
    }
    // References (against the bundle and the store) are checked inside the same transaction
    // that writes everything, so a bundle lands whole or not at all.
    if (auto r = store::apply_config_bundle(store, sealed); !r.ok()) return r.error();
    for (const auto& p : bundle.provider_configs) providers.invalidate(p.id);
    return ApplyCounts{static_cast<int>(bundle.zones.size()), static_cast<int>(bundle.pools.size()),
                       static_cast<int>(bundle.provider_configs.size()),
                       static_cast<int>(bundle.autoscale_configs.size()),
                       static_cast<int>(bundle.staging_configs.size())};
}

}  // namespace tidepool::runtime
