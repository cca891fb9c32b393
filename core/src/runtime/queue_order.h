// The order queued session requests are served in; placement, positions and ETAs share it.
#pragma once

#include "model/machines.h"

namespace tidepool::runtime {

// Higher priority first, then first come first served, then the id (a total order).
inline bool queued_before(const model::Session& a, const model::Session& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.requested_at != b.requested_at) return a.requested_at < b.requested_at;
    return a.id < b.id;
}

}  // namespace tidepool::runtime
