// Machines (servers and agents) and the sessions placed on them.
#pragma once

#include <string>

#include "model/ids.h"

namespace tidepool::model {

// starting → running → draining → deleting → gone, plus failed (see DESIGN §2).
enum class MachineState { starting, running, draining, deleting, gone, failed };

struct Server {
    Id id;
    Id pool_id;
    Id config_id;          // empty when assigned by hand (never autoscaled)
    std::string name;      // the unique name given to the provider
    std::string provider_id;  // the provider's id once created
    MachineState state = MachineState::starting;
    std::string address;
    int max_sessions = 1;
    int max_users = 1;
    std::string checkin_token_hash;  // SHA-256 of the single-purpose check-in token
    Instant checkin_expires_at{};
    Instant created_at{};
    Instant state_changed_at{};
    // Agent pools only: what the machine offers (after overrides).
    double cores = 0, gpus = 0, memory_gib = 0;
    // When its last session ended (the epoch: never). Kept by the store as sessions end;
    // put_server leaves it alone, so setting it here changes nothing stored.
    Instant last_session_end_at{};
};

enum class SessionKind { desktop, app };
// staged: pre-started by a staging config on an agent, holding its capacity with no user yet; a
// matching request turns it into placed (see staging/staging_plan.h).
enum class SessionState { queued, placed, ended, failed, cancelled, staged };

struct Session {
    Id id;
    Id pool_id;
    Id server_id;        // empty while queued
    std::string user;
    SessionKind kind = SessionKind::desktop;
    SessionState state = SessionState::queued;
    int priority = 0;    // higher is served first
    Instant requested_at{};
    Instant placed_at{};
    Instant ended_at{};
    std::string failure_reason;
    double cores = 0, gpus = 0, memory_gib = 0;  // agent pools
    std::string workspace;  // agent pools: what was asked for ("" = any)
    Id staging_config_id;   // the staging config that staged it; empty if never staged
    Instant expires_at{};   // while staged: when it is replaced if nobody took it
};

}  // namespace tidepool::model
