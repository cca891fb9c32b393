#include "store/config_apply.h"

#include <string>

namespace tidepool::store {
namespace {

// Runs put(item) for each item; an error about a field is re-pointed into the bundle.
template <class T, class Put>
Result<void> put_all(const char* array, const std::vector<T>& items, Put put) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        Result<void> r = put(items[i]);
        if (r) continue;
        Error e = r.error();
        if (!e.field.empty()) {
            e.field = "/" + std::string(array) + "/" + std::to_string(i) + e.field;
        }
        return e;
    }
    return {};
}

}  // namespace

Result<model::KnownIds> load_known_ids(Store& store) {
    model::KnownIds known;
    auto zones = store.list_zones();
    if (!zones) return zones.error();
    for (const auto& z : *zones) known.zones.insert(z.id);
    auto pools = store.list_pools();
    if (!pools) return pools.error();
    for (const auto& p : *pools) {
        known.pools.insert(p.id);
        if (p.kind == model::PoolKind::agent) known.agent_pools.insert(p.id);
    }
    auto providers = store.list_provider_configs();
    if (!providers) return providers.error();
    for (const auto& p : *providers) known.provider_configs[p.id] = p.kind;
    return known;
}

Result<void> apply_config_bundle(Store& store, const model::ConfigBundle& bundle) {
    return store.transaction([&]() -> Result<void> {
        // Read inside the transaction, so the check and the writes see the same state.
        auto known = load_known_ids(store);
        if (!known) return known.error();
        if (auto r = model::validate_references(bundle, *known); !r) return r;
        if (auto r =
                put_all("zones", bundle.zones, [&](const auto& z) { return store.put_zone(z); });
            !r) {
            return r;
        }
        if (auto r =
                put_all("pools", bundle.pools, [&](const auto& p) { return store.put_pool(p); });
            !r) {
            return r;
        }
        if (auto r = put_all("provider_configs", bundle.provider_configs,
                             [&](const auto& p) { return store.put_provider_config(p); });
            !r) {
            return r;
        }
        if (auto r = put_all("autoscale_configs", bundle.autoscale_configs,
                             [&](const auto& c) { return store.put_autoscale_config(c); });
            !r) {
            return r;
        }
        return put_all("staging_configs", bundle.staging_configs,
                       [&](const auto& c) { return store.put_staging_config(c); });
    });
}

}  // namespace tidepool::store
