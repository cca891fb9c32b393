// One simulated cloud, shared by every client whose config names it: two tidepoold clients of
// one cloud see the same VMs, limits and rate buckets, as two clients of one AWS account would.
// Clouds live for as long as this copy of the plugin stays loaded (a client closing does not
// delete anything, just as closing an SDK client does not terminate instances); the optional
// state file carries them across restarts and plugin reloads.
//
// Thread safety: calls on different clients may run concurrently, so each cloud has a mutex;
// no call sleeps or calls the host while holding it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tidepool/sdk/vm.hpp>

#include "cloud_state.h"
#include "sim_config.h"
#include "state_file.h"

namespace tidepool::sim {

enum class Bucket { create, read };

// The caller's limits, checked against every VM of the cloud that is not GONE yet.
struct CreateLimits {
    int64_t max_instances = 0;              // the config's quota ("InstanceLimitExceeded")
    std::optional<int64_t> capacity_limit;  // the region running dry ("InsufficientInstance...")
};

// An EC2-style token bucket; starts full.
class TokenBucket {
public:
    // Takes a token and returns 0, or returns the ms until the next token arrives (>= 1).
    int64_t take(const BucketConfig& config, int64_t now_ms);

private:
    bool primed_ = false;
    double tokens_ = 0;
    int64_t updated_ms_ = 0;
};

class Cloud {
public:
    Cloud(std::string name, std::string state_file);

    const std::string& name() const { return name_; }
    const std::string& state_file() const { return state_file_; }

    // Reads the state file now, so open() can report a damaged one before any call.
    void load();
    int64_t take_token(Bucket bucket, const BucketConfig& config, int64_t now_ms);

    // Creates a PENDING VM, or returns the one an earlier create with the same idempotency key
    // made (in any state). Throws TP_ERR_CAPACITY past a limit, TP_ERR_CONFLICT when the key
    // was used for another name.
    SimVm create(const sdk::VmSpec& spec, const CreateLimits& limits, int64_t now_ms,
                 int64_t boot_ms, int64_t gone_visible_ms);
    std::optional<SimVm> get(std::string_view id, int64_t now_ms, int64_t gone_visible_ms);
    std::vector<SimVm> list(const sdk::KeyValues& filter, int64_t now_ms, int64_t gone_visible_ms);
    // Mutations also forget VMs GONE for longer than gone_visible_ms (reads just hide them).
    // Starts deleting; a VM already deleting, gone or unknown is left as it is (idempotent).
    void remove(std::string_view id, int64_t now_ms, int64_t delete_ms, int64_t gone_visible_ms);

private:
    // Runs fn(state) under the mutex after picking up changes from the state file.
    template <class Fn>
    auto read(Fn&& fn);
    // The same, for mutations: also holds the file lock and saves when fn returns.
    template <class Fn>
    auto write(Fn&& fn);

    void refresh();
    void rebuild_index();
    void forget_gone(int64_t now_ms, int64_t gone_visible_ms);
    std::optional<uint64_t> number_of(std::string_view id) const;
    void check_limits(const CreateLimits& limits, int64_t now_ms) const;

    const std::string name_;
    const std::string state_file_;
    std::mutex mutex_;
    CloudState state_;
    std::unordered_map<std::string, uint64_t> by_key_;  // idempotency key -> VM number
    bool dirty_ = false;  // set by a mutation inside write(), which then saves the file
    std::optional<StateFile> file_;
    TokenBucket create_bucket_;
    TokenBucket read_bucket_;
};

// The cloud called `name` in this copy of the plugin, made on first use. Every client of one
// cloud must name the same state file (TP_ERR_INVALID_CONFIG otherwise).
std::shared_ptr<Cloud> open_cloud(const std::string& name, const std::string& state_file);
// Drops every cloud (deinit): a re-initialised plugin starts from its state files alone.
void forget_clouds();

}  // namespace tidepool::sim
