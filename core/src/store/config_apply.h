// Applying a config bundle (what `tidepool configs apply FILE` posts) to a store.
#pragma once

#include "model/config_bundle.h"
#include "store/store.h"

namespace tidepool::store {

// The ids already stored, for model::validate_references.
Result<model::KnownIds> load_known_ids(Store& store);

// Checks the bundle's references against itself and the store, then writes every object in one
// transaction, in the order foreign keys need (zones, pools, provider configs, autoscale
// configs). All or nothing: on any error nothing is written, and the error's field points into
// the bundle ("/autoscale_configs/1/pool_id").
Result<void> apply_config_bundle(Store& store, const model::ConfigBundle& bundle);

}  // namespace tidepool::store
