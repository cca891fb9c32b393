// Storing an autoscale config's connection settings: secrets sent back as the redaction mark
// keep their stored value, the settings are checked in clear (keys must open, certificates
// must match), then every secret is sealed before the config reaches the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/config_bundle.h"
#include "model/objects.h"
#include "secrets/sealer.h"
#include "store/store.h"

namespace tidepool::runtime {

struct ConnectionPrep {
    const secrets::Sealer* sealer = nullptr;  // null: stored as given (tests without a key)
    std::int64_t now_unix = 0;                // for certificate expiry
};

// `pointer` prefixes error fields ("/autoscale_configs/3" or "" for a single object). The pool
// kind comes from `bundle` when it defines the pool, else from the store.
Result<void> prepare_connection_settings(model::AutoScaleConfig& config, store::Store& store,
                                         const model::ConfigBundle* bundle,
                                         const ConnectionPrep& prep, const std::string& pointer);

}  // namespace tidepool::runtime
