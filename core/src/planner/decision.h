// The decision record: what one config saw, what it computed, what it chose and why.
//
// Every evaluation produces one per config, whether or not anything changes, so that
// `tidepool explain POOL` and the API can show an operator the arithmetic behind a plan.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/snapshot.h"

namespace tidepool::planner {

enum class Action { kNone, kCreate, kDelete, kUnsatisfiable, kUndrain };

// Machine-readable form of the reason sentence; stable strings in JSON (see decision_json.h).
enum class ReasonCode {
    kSatisfied,        // meets its need; nothing idle can go without dropping below it
    kScaleUp,          // ordering machines (possibly fewer than wanted: see remaining shortfall)
    kAtMaxInstances,   // short, but the config has no room left; the need passes on
    kCapacityBlocked,  // short, but the provider answered capacity/quota; the need passes on
    kUnsatisfiable,    // short on something a new machine of this config cannot add
    kScaleDown,        // removing idle machines
    kBackoffHold,      // idle machines could go, but the downscale backoff holds them
    kPoolShort,        // meets its own need, but the pool is short, so nothing is removed
    kInactive,         // inactive: creates nothing, removes what is idle
    kInactiveBackoff,  // inactive, but the downscale backoff still holds its idle machines
};

// Server pools: session counts.
struct ServerNumbers {
    std::int64_t minimum = 0;              // this config's Minimum Available Sessions
    std::int64_t predicted = 0;            // predictive standby's raise of it (0: none)
    std::int64_t target = 0;               // largest minimum of the active configs evaluated so far
    std::int64_t queued = 0;               // queued on-demand requests, one session each
    std::int64_t new_server_headroom = 0;  // min(max sessions, max users) of a new server
    std::int64_t headroom = 0;             // pool headroom this config saw
    // The part of headroom a queued request can still use: starting machines, and machines this
    // plan undrained or ordered. Running machines' headroom is not part of it: the runtime
    // places every request a running machine can take before it plans, so whatever is still
    // queued could not use it (a desktop user already on each of them, say).
    std::int64_t incoming = 0;
    std::int64_t shortfall = 0;            // max(0, target + queued - headroom, queued - incoming)
    std::int64_t uncovered_requests = 0;   // aggressive: queued requests beyond incoming
    std::int64_t wanted = 0;               // servers the rule asks for before the cap
    std::int64_t headroom_after = 0;       // after this config's orders or removals
    std::int64_t remaining_shortfall = 0;  // what passes on to the next config

    bool operator==(const ServerNumbers&) const = default;
};

// Agent pools: one per dimension (cores, GPUs, memory GiB), in human units.
struct DimensionNumbers {
    double free = 0;          // free capacity of agents that take sessions, plus earlier orders
    double standby = 0;       // largest standby of the active configs evaluated so far
    double staging = 0;       // sessions still to stage x per-session amount, active configs so far
    double queued = 0;        // sum over queued requests a new agent of this config can hold
    double need = 0;          // standby + staging + queued
    double shortfall = 0;     // max(0, need - free)
    double per_agent = 0;     // what a new agent of this config adds (override or instance type)
    std::int64_t agents = 0;  // ceil(shortfall / per_agent); 0 when unsatisfiable
    bool unsatisfiable = false;  // short while a new agent adds nothing on this dimension
    double free_after = 0;
    double remaining = 0;  // shortfall left after this config's orders

    bool operator==(const DimensionNumbers&) const = default;
};

struct AgentNumbers {
    Resources config_standby;  // this config's own Standby Cores/GPUs/Memory
    Resources config_staging;  // this config's own sessions still to stage x per-session amount
    std::array<DimensionNumbers, kDims> dims;  // indexed by Dim: cores, GPUs, memory
    std::int64_t uncovered_requests = 0;       // aggressive: queued requests free capacity misses
    std::int64_t wanted = 0;

    bool operator==(const AgentNumbers&) const = default;
};

struct Decision {
    std::string config_id;
    PoolKind kind = PoolKind::kServer;
    // Inputs as the planner saw them.
    int priority = 0;
    bool active = true;
    bool aggressive = false;
    bool capacity_blocked = false;
    int max_instances = 0;
    int machines = 0;  // the config's own machines in any state (what max_instances limits)
    int starting = 0;
    int busy = 0;  // with at least one session
    int idle = 0;  // running with no session: removal candidates
    std::int64_t downscale_backoff_s = 0;
    bool in_backoff = false;
    std::int64_t backoff_remaining_s = 0;
    std::optional<Instant> backoff_until;  // set while in backoff
    // The arithmetic; exactly one is set, by pool kind.
    std::optional<ServerNumbers> server;
    std::optional<AgentNumbers> agent;
    // The outcome.
    Action action = Action::kNone;
    ReasonCode code = ReasonCode::kSatisfied;
    int create = 0;
    std::vector<std::string> remove;
    std::vector<std::string> undrain;  // draining machines taken back before ordering new ones
    int staged_dropped = 0;  // inactive agent configs: staged sessions to drop
    std::string reason;      // one plain-English sentence

    bool operator==(const Decision&) const = default;
};

}  // namespace tidepool::planner
