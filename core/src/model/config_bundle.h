// A config bundle: every operator-configured object in one JSON document, as
// `tidepool configs apply FILE` posts it:
//   {"zones":[…], "pools":[…], "provider_configs":[…], "autoscale_configs":[…],
//    "staging_configs":[…]}
// Each array is optional; any other top-level member is refused.
#pragma once

#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "model/json_codec.h"
#include "model/objects.h"
#include "model/staging.h"
#include "tidepool/result.h"

namespace tidepool::model {

struct ConfigBundle {
    std::vector<Zone> zones;
    std::vector<Pool> pools;
    std::vector<ProviderConfig> provider_configs;
    std::vector<AutoScaleConfig> autoscale_configs;
    std::vector<StagingConfig> staging_configs;
};

// Validates every object (errors point into the bundle: "/autoscale_configs/1/priority") and
// refuses an id that appears twice in one array. References between objects are checked by
// validate_references, because some may name objects already stored.
Result<ConfigBundle> parse_config_bundle(const rapidjson::Value& root,
                                         std::string_view pointer_prefix = "");
Result<ConfigBundle> parse_config_bundle_text(std::string_view text);

// Objects that exist outside the bundle (typically: already in the store). A bundle object with
// the same id replaces the known one, so its kind wins.
struct KnownIds {
    std::set<Id> zones;
    std::set<Id> pools;
    std::map<Id, ProviderKind> provider_configs;
    std::set<Id> agent_pools;  // the subset of `pools` of kind agent
};

// Every autoscale config must name a pool, an optional zone, a provider config of kind vm and
// an optional one of kind dns, each defined in the bundle or in `known`; every staging config
// must name an agent pool.
Result<void> validate_references(const ConfigBundle& bundle, const KnownIds& known = {});

void write_json(JsonWriter& w, const ConfigBundle& bundle);

}  // namespace tidepool::model
