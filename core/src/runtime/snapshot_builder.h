// Turns stored rows into the planner's snapshot. Pure: everything it needs is passed in, so the
// mapping (which machines count, how sessions become headroom) is tested without a store.
#pragma once

#include <map>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "model/staging.h"
#include "planner/snapshot.h"
#include "staging/staging_plan.h"

namespace tidepool::runtime {

struct ConfigFacts {
    bool active = true;
    int max_instances = 0;
    bool capacity_blocked = false;
    std::optional<model::Instant> last_scale_up_at;
    double boot_s = 60;  // observed boot time (predictive standby looks this far ahead)
};

struct PoolInputs {
    model::Pool pool;
    std::vector<model::AutoScaleConfig> configs;
    std::vector<model::Server> servers;    // any state; gone ones are skipped
    std::vector<model::Session> sessions;  // placed, staged and queued ones matter
    std::map<model::Id, ConfigFacts> facts;
    std::vector<model::StagingConfig> staging;  // agent pools: the pool's staging configs
    model::Instant now{};                       // staged sessions past their expiry are not ready
    // Predictive standby: the pool's arrivals (Unix seconds, ascending) over the longest
    // lookback of its predictive configs.
    std::vector<std::int64_t> arrivals;
};

// The staging side of the inputs, in the form staging/staging_plan.h reads.
staging::PoolView staging_view(const PoolInputs& in);

planner::PoolSnapshot build_snapshot(const PoolInputs& in);

}  // namespace tidepool::runtime
