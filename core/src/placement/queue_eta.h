// When will each queued request be served? The on-demand queue's ETA, as a pure function.
//
// Queued requests wait for capacity that is not there yet (if it were, placement would have
// used it). That capacity comes from machines already booting, in the order they should be
// ready, and then from machines the planner has still to order, which need a whole boot.
// Request k (1-based, in served order) is ready when the first k sessions of that incoming
// capacity are, so a request behind a long queue gets a later ETA than the one at its head.
#pragma once

#include <cstddef>
#include <vector>

namespace tidepool::placement {

// One machine that is booting: seconds until it should be ready (0 when overdue) and how many
// queued requests it can take once it is.
struct IncomingCapacity {
    double ready_in_s = 0;
    long sessions = 0;
};

// What a machine not yet ordered would bring: the boot time observed for the config that
// orders it, and its sessions. sessions <= 0: no config can order one (ETA unknown).
struct NextMachine {
    double boot_s = 0;
    long sessions = 0;
};

// The ETA in whole seconds (rounded up) of queue positions 1..queued, or -1 where unknown.
std::vector<int> queue_etas(std::size_t queued, std::vector<IncomingCapacity> incoming,
                            NextMachine next);

}  // namespace tidepool::placement
