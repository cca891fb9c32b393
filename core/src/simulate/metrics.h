// What one simulated run measured: the figures of the JSON summary and the chart's series.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tidepool::simulate {

// One chart sample, taken every Metrics::sample_s of virtual time.
struct Sample {
    std::int64_t at_s = 0;
    std::int64_t demand = 0;  // sessions running plus requests waiting
    std::int64_t ready = 0;   // servers running
    std::int64_t booting = 0;
    std::int64_t queued = 0;
};

struct Metrics {
    std::string policy;
    std::int64_t start_s = 0, end_s = 0;  // the simulated span [start, end)
    std::int64_t requests = 0;
    std::int64_t served = 0;
    std::int64_t waited = 0;          // requests that queued for capacity (a cold boot)
    std::int64_t unserved = 0;        // still queued at the end (their wait runs to end_s)
    std::vector<std::int64_t> waits;  // seconds, one per request, in arrival order
    double server_seconds = 0;        // servers ordered and not yet removed, integrated
    std::int64_t peak_servers = 0;
    std::int64_t queue_max = 0;
    std::int64_t scale_actions = 0;  // config decisions that created or removed servers
    std::int64_t servers_created = 0;
    std::int64_t sample_s = 300;
    std::vector<Sample> samples;
};

// The value below which `q` of the waits fall (nearest rank); 0 with no requests.
double wait_percentile(const Metrics& m, double q);

}  // namespace tidepool::simulate
