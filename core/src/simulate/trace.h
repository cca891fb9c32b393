// Session requests the simulator replays: when each arrives, how long it lasts once placed, and
// whose it is. Produced from an operator's CSV export (trace_csv.h) or from a binned arrival
// curve plus the documented duration model (arrivals.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tidepool::simulate {

struct Arrival {
    std::int64_t at_s = 0;        // Unix seconds (UTC) when the user asks for a session
    std::int64_t duration_s = 0;  // how long the session runs once it is placed
    std::uint32_t user = 0;       // dense user number (one desktop per user per server)

    bool operator==(const Arrival&) const = default;
};

struct Trace {
    std::vector<Arrival> arrivals;  // sorted by (at_s, user, duration_s)
    std::uint32_t users = 0;        // distinct user numbers in use: [0, users)
};

// Sorts arrivals into the order the engine replays them, so equal inputs replay equally
// whatever order the source listed them in.
void sort_arrivals(Trace& trace);

}  // namespace tidepool::simulate
