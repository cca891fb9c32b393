// A stored autoscale config's schedules as the schedule module sees them. Shared by the
// schedule preview (routes_planning.cpp) and the schedules view (routes_schedules.cpp), so both
// read a config's activity exactly as the runtime does (runtime/pool_planning.cpp).
#pragma once

#include "model/objects.h"
#include "schedule/types.h"
#include "tidepool/result.h"

namespace tidepool::daemon {

// The config's ActivitySpec (enabled included). Configs are validated before they are stored,
// so a parse failure means a row from an older build: an `internal` error naming the config.
Result<schedule::ActivitySpec> stored_activity(const model::AutoScaleConfig& config);

}  // namespace tidepool::daemon
