// How much of an agent a session request takes (DESIGN §2, agent pools fit on cores, GPUs and
// memory). Pure, so every rule is table-tested without a store:
//  - amounts must be finite and >= 0; a server pool counts sessions, so any amount there is
//    refused rather than silently ignored;
//  - an agent-pool request that gives no amount takes its workspace's size from the pool's
//    staging config for that workspace (an enabled one first), so "ask for the notebook" is
//    enough; with neither it is refused, because a sizeless session would fit everywhere and
//    never free anything;
//  - a size that no agent of the pool, running or orderable, could ever hold is refused at
//    once instead of waiting in the queue until the pool's maximum wait.
#pragma once

#include <functional>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "model/staging.h"
#include "placement/agent_index.h"
#include "tidepool/result.h"

namespace tidepool::runtime {

struct SizingInputs {
    model::PoolKind pool_kind = model::PoolKind::server;
    model::Id pool_id;
    std::string workspace;
    placement::Amounts asked;                        // as the caller gave them
    // {}: a server pool's inputs stop at `asked` and stay warning-free.
    std::vector<model::StagingConfig> staging{};     // the pool's staging configs
    std::vector<model::AutoScaleConfig> configs{};   // the pool's autoscale configs
    // What each agent the pool has offers (a hand-added agent may be bigger than any
    // config's). Asked only when no config's new agent could hold the request, so the
    // usual request reads no agent list.
    std::function<std::vector<placement::Amounts>()> agent_shapes{};
};

// The amounts the session holds, or an error naming the member (/cores, /gpus, /memory_gib).
Result<placement::Amounts> session_size(const SizingInputs& in);

}  // namespace tidepool::runtime
