// The event bus: every session and machine transition the runtime makes is published here, so
// the SSE route (/api/v1/events), `tidepool watch` and an embedding host hear about it without
// polling. Handlers run on the runtime's control strand, in publication order, and must not
// block (post heavier work elsewhere).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/ids.h"

namespace tidepool::runtime {

enum class EventKind {
    session_queued,    // no capacity yet: queue_position and eta_s are set
    session_eta,       // a queued session's position or ETA changed
    session_placed,    // machine_id is where it runs
    session_failed,    // message says why (maximum wait reached, its server failed, ...)
    session_ended,     // released, or cancelled while queued (message says which)
    machine_ordered,   // a create was journalled and sent to the provider
    machine_ready,     // checked in (or reported running) and takes sessions
    machine_draining,  // takes no new sessions; removed once empty
    machine_removed,   // deleted at the provider and gone
    machine_failed,    // create failed or check-in timed out; message says which
    decision,          // the planner acted or changed its reasoning; message is the reason
};

// The kind's wire name ("session_queued", ...), used in JSON and SSE `event:` lines.
std::string_view to_string(EventKind kind);
// The reverse of to_string; false when the name is unknown.
bool parse_event_kind(std::string_view name, EventKind& out);

struct Event {
    std::int64_t seq = 0;  // assigned by publish(): 1, 2, 3... per bus, never reused
    EventKind kind = EventKind::decision;
    model::Instant at{};
    model::Id pool_id{};
    model::Id session_id{};  // empty for machine and decision events
    model::Id machine_id{};  // the server or agent; empty when none
    int queue_position = 0;  // 1-based while queued, else 0
    int eta_s = -1;          // estimated wait while queued; -1 when unknown or not queued
    std::string message{};   // human-readable detail; never contains secrets
};

class EventBus;

// Keeps a handler subscribed while alive. Destroying (or reset()) it unsubscribes; once that
// returns the handler is not running on another thread and will not be called again. Safe to
// destroy from inside the handler itself.
class Subscription {
public:
    Subscription() = default;
    ~Subscription() { reset(); }
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    void reset();
    bool active() const { return id_ != 0; }

private:
    friend class EventBus;
    struct State;
    Subscription(std::weak_ptr<State> state, std::uint64_t id) : state_(std::move(state)), id_(id) {}
    std::weak_ptr<State> state_;
    std::uint64_t id_ = 0;
};

class EventBus {
public:
    using Handler = std::function<void(const Event&)>;

    // recent_capacity: how many past events since() can replay (for SSE Last-Event-ID).
    explicit EventBus(std::size_t recent_capacity = 4096);
    ~EventBus();
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    // Any thread. The handler sees every event published after this returns.
    [[nodiscard]] Subscription subscribe(Handler handler);
    // Assigns the next seq, remembers the event for since(), then calls every handler in
    // subscription order. A handler that throws is logged nowhere and skipped: one bad
    // subscriber must not stop the others or the runtime. Returns the seq assigned.
    // The bus copies the event into buffers it keeps (the replay ring and one stamped copy per
    // nesting level), so a caller that reuses one Event publishes without allocating.
    std::int64_t publish(const Event& event);
    std::int64_t publish(Event&& event);

    // Remembered events with seq > after, oldest first (at most recent_capacity of them).
    // Any thread. An SSE client resuming with Last-Event-ID replays these, then subscribes.
    std::vector<Event> since(std::int64_t after) const;
    // The seq of the last published event (0 before the first).
    std::int64_t last_seq() const;
    std::size_t subscriber_count() const;

private:
    // Fills the stamped copy for this nesting level, then records and dispatches it.
    template <class Fill>
    std::int64_t publish_with(const Fill& fill);

    std::shared_ptr<Subscription::State> state_;
};

}  // namespace tidepool::runtime
