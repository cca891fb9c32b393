// The sim provider's config, read once when a client opens. The host has already validated the
// document against the schema in plugin.cpp; this adds the checks a schema cannot express
// (which parameters fit which distribution, min <= max) and applies the defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::sim {

enum class DistributionKind { fixed, uniform, lognormal };

// How long a transition takes; one value is drawn per VM (seconds in the config, ms here).
struct Duration {
    DistributionKind kind = DistributionKind::fixed;
    double mean_s = 0;            // fixed: the value; lognormal: the distribution's mean
    std::optional<double> min_s;  // uniform: lower bound; lognormal: optional clamp
    std::optional<double> max_s;  // uniform: upper bound; lognormal: optional clamp
    double sigma = 0.5;           // lognormal: spread of the underlying normal
};

// Probabilities (0..1) of an injected failure, drawn independently per call in this order.
struct ErrorRates {
    double server_error = 0;       // TP_ERR_UNAVAILABLE, "InternalError"
    double throttle = 0;           // TP_ERR_UNAVAILABLE, "RequestLimitExceeded" + retry hint
    double capacity = 0;           // creates only: TP_ERR_CAPACITY, "InsufficientInstanceCapacity"
    double timeout = 0;            // TP_ERR_TIMEOUT after a wait; mutations still take effect
    int64_t timeout_after_ms = 0;  // how long a timed-out call hangs; 0 = until its deadline
};

// An EC2-style token bucket: `burst` tokens when full, refilled continuously.
struct BucketConfig {
    double burst = 0;
    double refill_per_s = 0;
};

struct SimConfig {
    std::string cloud = "default";
    std::string state_file;  // absolute after parse; empty = kept in memory only
    int64_t max_instances = 100;
    std::optional<int64_t> capacity_limit;
    std::optional<uint64_t> seed;  // none: a fresh random seed per client
    Duration boot{DistributionKind::fixed, 30, {}, {}, 0.5};
    Duration removal{DistributionKind::fixed, 5, {}, {}, 0.5};
    // Round trip of one API call: half before the cloud acts, half after (default none).
    Duration api_latency{DistributionKind::fixed, 0, {}, {}, 0.5};
    int64_t gone_visible_ms = 60000;  // how long GONE VMs stay listed before being forgotten
    ErrorRates errors;
    BucketConfig create_bucket{1000, 2};
    BucketConfig read_bucket{100, 20};

    // Throws sdk::ProviderError(TP_ERR_INVALID_CONFIG) naming the field at fault.
    static SimConfig parse(std::string_view json);
};

}  // namespace tidepool::sim
