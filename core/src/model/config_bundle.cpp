#include "model/config_bundle.h"

#include "model/enums.h"
#include "model/json_reader.h"

namespace tidepool::model {
namespace {

template <class T, class Parse>
void read_array(ObjectReader& r, const char* name, std::vector<T>& out, Parse parse) {
    const rapidjson::Value* array = r.member(name, rapidjson::kArrayType, "an array of objects");
    if (array == nullptr || !r.ok()) return;
    std::map<Id, std::size_t> first_index;
    for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
        const std::string item = r.pointer(name) + "/" + std::to_string(i);
        Result<T> parsed = parse((*array)[i], item);
        if (!parsed) {
            r.fail_at(parsed.error().field, parsed.error().message);
            return;
        }
        auto [it, inserted] = first_index.emplace(parsed->id, i);
        if (!inserted) {
            r.fail_at(item + "/id", "\"id\": \"" + parsed->id + "\" is not allowed; it is " +
                                        "already used by " + r.pointer(name) + "/" +
                                        std::to_string(it->second) + " (ids must be unique)");
            return;
        }
        out.push_back(std::move(parsed).value());
    }
}

template <class T>
void write_array(JsonWriter& w, const char* name, const std::vector<T>& items) {
    w.Key(name);
    w.StartArray();
    for (const auto& item : items) write_json(w, item);
    w.EndArray();
}

Error missing_reference(const std::string& field, const char* member, const Id& id,
                        const char* what) {
    return Error{ErrorCode::invalid,
                 std::string("\"") + member + "\": \"" + id + "\" names no " + what +
                     " in this bundle or already configured; add it or use an existing id",
                 field};
}

// Checks one provider reference: it must exist and be of `wanted` kind.
std::optional<Error> check_provider(const std::map<Id, ProviderKind>& providers,
                                    const std::string& prefix, const char* member, const Id& id,
                                    ProviderKind wanted) {
    const std::string field = prefix + "/" + member;
    auto it = providers.find(id);
    if (it == providers.end()) {
        return missing_reference(field, member, id, "provider config");
    }
    if (it->second != wanted) {
        return Error{ErrorCode::invalid,
                     std::string("\"") + member + "\": \"" + id + "\" is a " +
                         to_string(it->second) + " provider config; use one of kind \"" +
                         to_string(wanted) + "\"",
                     field};
    }
    return std::nullopt;
}

}  // namespace

Result<ConfigBundle> parse_config_bundle(const rapidjson::Value& root,
                                         std::string_view pointer_prefix) {
    ObjectReader r(root, pointer_prefix, "a config bundle");
    ConfigBundle bundle;
    read_array(r, "zones", bundle.zones, parse_zone);
    read_array(r, "pools", bundle.pools, parse_pool);
    read_array(r, "provider_configs", bundle.provider_configs, parse_provider_config);
    read_array(r, "autoscale_configs", bundle.autoscale_configs, parse_autoscale_config);
    read_array(r, "staging_configs", bundle.staging_configs, parse_staging_config);
    if (auto done = r.finish(); !done) return done.error();
    return bundle;
}

Result<ConfigBundle> parse_config_bundle_text(std::string_view text) {
    auto doc = parse_json_text(text);
    if (!doc) return doc.error();
    return parse_config_bundle(*doc);
}

namespace {

Result<void> check_autoscale_references(const ConfigBundle& bundle, const std::set<Id>& zones,
                                        const std::set<Id>& pools,
                                        const std::map<Id, ProviderKind>& providers) {
    for (std::size_t i = 0; i < bundle.autoscale_configs.size(); ++i) {
        const AutoScaleConfig& c = bundle.autoscale_configs[i];
        const std::string prefix = "/autoscale_configs/" + std::to_string(i);
        if (!pools.contains(c.pool_id)) {
            return missing_reference(prefix + "/pool_id", "pool_id", c.pool_id, "pool");
        }
        if (!c.zone_id.empty() && !zones.contains(c.zone_id)) {
            return missing_reference(prefix + "/zone_id", "zone_id", c.zone_id, "zone");
        }
        if (auto e = check_provider(providers, prefix, "vm_provider_id", c.vm_provider_id,
                                    ProviderKind::vm)) {
            return *e;
        }
        if (c.dns_provider_id.empty()) continue;
        if (auto e = check_provider(providers, prefix, "dns_provider_id", c.dns_provider_id,
                                    ProviderKind::dns)) {
            return *e;
        }
    }
    return {};
}

// Staged sessions are containers on agents, so a staging config on a server pool could never
// be satisfied; refuse it rather than keep a config that silently does nothing.
Result<void> check_staging_references(const ConfigBundle& bundle, const std::set<Id>& pools,
                                      const std::set<Id>& agent_pools) {
    for (std::size_t i = 0; i < bundle.staging_configs.size(); ++i) {
        const StagingConfig& c = bundle.staging_configs[i];
        const std::string field = "/staging_configs/" + std::to_string(i) + "/pool_id";
        if (!pools.contains(c.pool_id)) {
            return missing_reference(field, "pool_id", c.pool_id, "pool");
        }
        if (!agent_pools.contains(c.pool_id)) {
            return Error{ErrorCode::invalid,
                         "\"pool_id\": \"" + c.pool_id +
                             "\" is a server pool; staged sessions need a pool of kind "
                             "\"agent\"",
                         field};
        }
    }
    return {};
}

}  // namespace

Result<void> validate_references(const ConfigBundle& bundle, const KnownIds& known) {
    std::set<Id> zones = known.zones;
    std::set<Id> pools = known.pools;
    std::set<Id> agent_pools = known.agent_pools;
    std::map<Id, ProviderKind> providers = known.provider_configs;
    for (const auto& z : bundle.zones) zones.insert(z.id);
    for (const auto& p : bundle.pools) {
        pools.insert(p.id);
        // The bundle's definition replaces a stored one, kind included.
        if (p.kind == PoolKind::agent) {
            agent_pools.insert(p.id);
        } else {
            agent_pools.erase(p.id);
        }
    }
    for (const auto& p : bundle.provider_configs) providers[p.id] = p.kind;
    if (auto r = check_autoscale_references(bundle, zones, pools, providers); !r) return r;
    return check_staging_references(bundle, pools, agent_pools);
}

void write_json(JsonWriter& w, const ConfigBundle& bundle) {
    w.StartObject();
    write_array(w, "zones", bundle.zones);
    write_array(w, "pools", bundle.pools);
    write_array(w, "provider_configs", bundle.provider_configs);
    write_array(w, "autoscale_configs", bundle.autoscale_configs);
    write_array(w, "staging_configs", bundle.staging_configs);
    w.EndObject();
}

}  // namespace tidepool::model
