// What happens inside an Engine, as it happens: sessions queued (with a position and an ETA),
// placed (with the connection), ended; machines ordered, ready, draining, removed. Handlers run
// on the host's executor, one at a time and in `seq` order (see docs/embedding.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tidepool/connection.h"
#include "tidepool/export.h"

namespace tidepool {

enum class EngineEventKind {
    session_queued,    // no capacity yet: position and eta_s are set
    session_eta,       // a queued session's position or ETA changed
    session_placed,    // machine is where it runs; connection is set when already known
    session_failed,    // message says why (maximum wait reached, its server failed, ...)
    session_ended,     // ended, or cancelled while queued (message says which)
    machine_ordered,   // a create was journalled and sent to the provider
    machine_ready,     // checked in (or reported running) and takes sessions
    machine_draining,  // takes no new sessions; removed once empty
    machine_removed,   // deleted at the provider and gone
    machine_failed,    // create failed or check-in timed out; message says which
    decision,          // the planner acted or changed its reasoning; message is the reason
};

struct EngineEvent {
    EngineEventKind kind = EngineEventKind::decision;
    std::int64_t seq = 0;  // 1, 2, 3... per engine run, never reused within it
    std::chrono::system_clock::time_point time{};
    std::string pool;
    std::string session;  // empty for machine and decision events
    std::string machine;  // empty when none
    int position = 0;     // 1-based while queued, else 0
    int eta_s = -1;       // estimated wait while queued; -1 when unknown or not queued
    std::string message;  // human-readable detail; never contains secrets
    std::optional<Connection> connection;  // session_placed only
};

using EventHandler = std::function<void(const EngineEvent&)>;

// The wire name ("session_queued", ...), as in the REST API's event stream.
TIDEPOOL_API std::string_view to_string(EngineEventKind kind);

// Keeps a handler subscribed while alive (Engine::subscribe). Destroying or reset()ing it
// unsubscribes: once that returns, the handler is not running on another thread and is never
// called again. Safe from inside the handler itself.
class TIDEPOOL_API Subscription {
public:
    struct State;  // the library's; shared with the deliveries still queued
    Subscription() = default;
    explicit Subscription(std::shared_ptr<State> state) : state_(std::move(state)) {}
    ~Subscription() { reset(); }
    Subscription(Subscription&& other) noexcept = default;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    void reset();
    bool active() const { return state_ != nullptr; }

private:
    std::shared_ptr<State> state_;
};

}  // namespace tidepool
