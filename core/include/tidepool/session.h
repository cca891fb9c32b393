// Sessions as the embedding API sees them: what the host asks for and what it gets back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tidepool/connection.h"
#include "tidepool/export.h"

namespace tidepool {

// A desktop takes a server's desktop slot for its user (one per user per server); apps
// (RemoteApps) may share a server with each other and with that user's desktop.
enum class SessionKind { desktop, app };
// staged: pre-started by a staging config, no user yet (only seen when listing sessions).
enum class SessionState { queued, placed, ended, failed, cancelled, staged };

struct SessionRequest {
    std::string pool;  // the pool's id
    std::string user;  // the requesting user's name (non-empty)
    SessionKind kind = SessionKind::desktop;
    int priority = 0;  // higher is served first while queued
    // Agent pools: a staged session of this workspace is taken first, placed at once.
    std::string workspace{};  // {}: positional {pool, user, kind, priority} stays warning-free
    // Agent pools: what the session holds on its agent (finite, >= 0). All 0: the size of the
    // workspace's staging config; refused when there is none. Server pools: leave all 0.
    double cores{}, gpus{}, memory_gib{};
};

struct SessionOutcome {
    std::string id;
    SessionState state = SessionState::queued;
    std::string machine;     // the server it was placed on ("" while queued)
    int queue_position = 0;  // 1-based while queued, else 0
    int eta_s = -1;          // estimated wait while queued; -1 when unknown or not queued
    std::string failure_reason;  // why, when failed
    // When placed: how to connect. Absent while the machine cannot say yet (a dynamic account
    // the in-guest service has not created): ask Engine::connection() once it has.
    std::optional<Connection> connection;
};

TIDEPOOL_API std::string_view to_string(SessionKind kind);
TIDEPOOL_API std::string_view to_string(SessionState state);

}  // namespace tidepool
