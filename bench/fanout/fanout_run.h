// One fan-out run: N creates against tidepool-sim through PluginGateway and ResilientGateway,
// everything on one plugins::VirtualClock, with a share of the requests cancelled part way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace tidepool::bench {

struct FanoutOptions {
    int instances = 1000;
    double cancel_share = 0.3;      // of all requests, cancelled once cancel_after_share is done
    double cancel_after_share = 0.5;  // of the ideal time
    // EC2's RunInstances request bucket (5 burst, 2/s refill): with one instance per request it
    // binds long before the 1,000-instance resource bucket, which is what makes a fan-out slow.
    double bucket_burst = 5;
    double bucket_refill_per_s = 2;
    bool client_bucket = true;  // false: no client-side pacing, the provider's throttling decides
    std::uint64_t seed = 7;
    std::filesystem::path sim_plugin;  // the built tidepool-sim.so
};

struct FanoutFigures {
    double elapsed_s = 0;  // virtual: first create sent -> last create answered
    double ideal_s = 0;    // (creates the provider accepted - burst) / refill
    int accepted = 0;      // creates that made a VM (some deleted again when cancelled)
    int cancelled_before_call = 0;
    int deleted_after_cancel = 0;
    int throttle_errors = 0;  // provider answers RequestLimitExceeded (before retries)
    int failed = 0;           // creates that ended in an error other than cancellation
    int orphans = 0;          // VMs alive at the end that no surviving request owns, or doubles
    int live = 0;             // VMs alive at the end
};

FanoutFigures run_fanout(const FanoutOptions& options);

}  // namespace tidepool::bench
