// What the planner must know about staging: per autoscale config of an agent pool, the
// StagingRequirements for its snapshot Config (planner/snapshot.h).
//
// Staging configs belong to the pool, the planner's capacity to autoscale configs, so each
// staging config's demand is attributed once: the still-missing sessions go to the first
// active autoscale config in priority order (the cheapest, so spill-over works as for standby),
// and every config reports the staged sessions already on its own agents. An inactive config
// thus reports staged sessions with no demand, which is what makes the planner drop them.
#pragma once

#include <map>
#include <vector>

#include "planner/snapshot.h"
#include "staging/staging_plan.h"

namespace tidepool::staging {

// `priority_order`: the pool's autoscale config ids, lowest priority value first.
std::map<model::Id, std::vector<planner::StagingRequirement>> staging_requirements(
    const PoolView& pool, const std::vector<model::Id>& priority_order);

}  // namespace tidepool::staging
