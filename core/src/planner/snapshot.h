// Inputs to the capacity planner: plain value types the caller fills from the store.
//
// The planner never reads a clock or a schedule: the caller passes `now` and, per config, an
// already-evaluated `active` flag. Everything here is copied in; nothing is borrowed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tidepool::planner {

// Whole seconds since the Unix epoch (UTC). One type for every instant the planner sees.
using Instant = std::chrono::sys_seconds;

enum class PoolKind { kServer, kAgent };

// Lifecycle of a machine as the store knows it. kStarting covers "created, booting, waiting
// for check-in": such a machine already counts toward headroom so the planner does not order
// the same capacity twice while it boots.
enum class MachineState { kStarting, kRunning, kDraining, kDeleting, kFailed };

enum class RequestKind { kDesktop, kApp };

// The three compute dimensions, in the order every per-dimension array uses.
inline constexpr int kDims = 3;
enum Dim { kCores = 0, kGpus = 1, kMemory = 2 };

// Compute amounts in human units. The planner rounds them to thousandths internally.
struct Resources {
    double cores = 0;
    double gpus = 0;
    double memory_gib = 0;

    bool operator==(const Resources&) const = default;
};

// Per-dimension overrides of what the instance type reports; an unset member keeps the
// reported value. Values above the hardware are allowed (oversubscription).
struct ResourceOverride {
    std::optional<double> cores;
    std::optional<double> gpus;
    std::optional<double> memory_gib;

    bool operator==(const ResourceOverride&) const = default;
};

struct Machine {
    std::string id;
    std::string config_id;  // empty: assigned to the pool by hand, never autoscaled
    MachineState state = MachineState::kRunning;
    // Server pools. max_users unset = no per-user limit (e.g. KasmVNC servers).
    int max_sessions = 0;
    std::optional<int> max_users;
    int active_sessions = 0;  // agent pools: user sessions plus staged sessions on the agent
    int active_users = 0;
    // Agent pools: what the agent reports and what its sessions use.
    Resources reported;
    Resources used;
    Instant created_at{};
    std::optional<Instant> last_session_end_at;
    // kDraining only: its config would take it back (an operator's drain, not a single-use
    // server that served its session). When demand returns it is undrained before ordering.
    bool undrainable = false;

    bool operator==(const Machine&) const = default;
};

// Pre-started sessions one workspace wants on the agents of a config.
struct StagingRequirement {
    std::string workspace;
    int desired_count = 0;
    Resources per_session;
    int staged_count = 0;  // already running; their resources are already in Machine::used

    bool operator==(const StagingRequirement&) const = default;
};

// Predictive standby's input for one server config: what the caller's forecast (forecast.h)
// expects to be asked for before a server ordered now could be ready. The planner raises the
// config's minimum to `expected`, never above `cap`, and never lowers it.
struct Prediction {
    std::int64_t expected = 0;  // session requests expected within lead_s
    std::int64_t lead_s = 0;    // the boot time observed for this config (plus a tick)
    std::int64_t cap = 0;       // the most the minimum may be raised to

    bool operator==(const Prediction&) const = default;
};

struct Config {
    std::string id;
    int priority = 0;       // lower first; ties broken by id
    bool active = true;     // computed by the caller from `enabled` and the schedules
    int max_instances = 0;  // the provider config's maximum
    bool provider_capacity_blocked = false;  // provider recently answered capacity/quota
    std::int64_t downscale_backoff_s = 0;
    std::optional<Instant> last_scale_up_at;
    bool aggressive = false;
    // Server pools.
    int min_available_sessions = 0;
    std::optional<Prediction> prediction;  // unset: predictive standby is off
    int new_server_max_sessions = 0;
    std::optional<int> new_server_max_users;  // unset = no per-user limit
    // Agent pools.
    Resources standby;
    Resources agent_instance;  // what the instance type provides
    ResourceOverride agent_override;
    std::vector<StagingRequirement> staging;

    bool operator==(const Config&) const = default;
};

// An on-demand request that found no capacity and waits for some. In server pools each takes
// one session of headroom whatever its kind; the one-desktop-per-user-per-server rule is
// placement's concern, not capacity's.
struct QueuedRequest {
    std::string id;
    std::string user;
    RequestKind kind = RequestKind::kDesktop;
    Resources resources;     // agent pools only
    int priority_class = 0;  // lower is served first
    Instant enqueued_at{};

    bool operator==(const QueuedRequest&) const = default;
};

struct PoolSnapshot {
    std::string id;
    PoolKind kind = PoolKind::kServer;
    std::vector<Machine> machines;
    std::vector<Config> configs;  // any order; the planner sorts by (priority, id)
    std::vector<QueuedRequest> queue;
};

}  // namespace tidepool::planner
