#include "runtime/events.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <utility>

namespace tidepool::runtime {

namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 11> kKindNames{{
    {EventKind::session_queued, "session_queued"},
    {EventKind::session_eta, "session_eta"},
    {EventKind::session_placed, "session_placed"},
    {EventKind::session_failed, "session_failed"},
    {EventKind::session_ended, "session_ended"},
    {EventKind::machine_ordered, "machine_ordered"},
    {EventKind::machine_ready, "machine_ready"},
    {EventKind::machine_draining, "machine_draining"},
    {EventKind::machine_removed, "machine_removed"},
    {EventKind::machine_failed, "machine_failed"},
    {EventKind::decision, "decision"},
}};

}  // namespace

std::string_view to_string(EventKind kind) {
    for (const auto& [k, name] : kKindNames)
        if (k == kind) return name;
    return "unknown";
}

bool parse_event_kind(std::string_view name, EventKind& out) {
    for (const auto& [k, n] : kKindNames) {
        if (n != name) continue;
        out = k;
        return true;
    }
    return false;
}

// Shared between the bus and its subscriptions, so a Subscription that outlives the bus
// unsubscribes into nothing instead of into freed memory.
struct Subscription::State {
    struct Slot {
        std::uint64_t id = 0;
        EventBus::Handler handler;
        std::atomic<bool> alive{true};
    };
    explicit State(std::size_t capacity) : recent_capacity(capacity) {}

    // Held for a whole dispatch, so unsubscribing from another thread waits until the handler
    // has returned; recursive so a handler may drop its own subscription.
    std::recursive_mutex dispatch;
    mutable std::mutex lock;  // guards everything below
    std::vector<std::shared_ptr<Slot>> slots;
    std::deque<Event> recent;
    std::size_t recent_capacity;
    std::uint64_t next_id = 1;
    std::int64_t last_seq = 0;

    void remove(std::uint64_t id) {
        std::lock_guard dispatching(dispatch);
        std::lock_guard guard(lock);
        auto it = std::find_if(slots.begin(), slots.end(),
                               [id](const auto& s) { return s->id == id; });
        if (it == slots.end()) return;
        (*it)->alive = false;
        slots.erase(it);
    }
};

Subscription::Subscription(Subscription&& other) noexcept
    : state_(std::move(other.state_)), id_(std::exchange(other.id_, 0)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        reset();
        state_ = std::move(other.state_);
        id_ = std::exchange(other.id_, 0);
    }
    return *this;
}

void Subscription::reset() {
    if (id_ == 0) return;
    if (auto state = state_.lock()) state->remove(id_);
    state_.reset();
    id_ = 0;
}

EventBus::EventBus(std::size_t recent_capacity)
    : state_(std::make_shared<Subscription::State>(recent_capacity)) {}

EventBus::~EventBus() = default;

Subscription EventBus::subscribe(Handler handler) {
    auto slot = std::make_shared<Subscription::State::Slot>();
    slot->handler = std::move(handler);
    std::lock_guard guard(state_->lock);
    slot->id = state_->next_id++;
    state_->slots.push_back(slot);
    return Subscription(state_, slot->id);
}

std::int64_t EventBus::publish(Event event) {
    std::lock_guard dispatching(state_->dispatch);
    std::vector<std::shared_ptr<Subscription::State::Slot>> targets;
    {
        std::lock_guard guard(state_->lock);
        event.seq = ++state_->last_seq;
        if (state_->recent_capacity > 0) {
            if (state_->recent.size() == state_->recent_capacity) state_->recent.pop_front();
            state_->recent.push_back(event);
        }
        targets = state_->slots;
    }
    for (const auto& slot : targets) {
        if (!slot->alive) continue;  // dropped by an earlier handler in this dispatch
        try {
            slot->handler(event);
        } catch (...) {
            // A subscriber's bug stays the subscriber's: the runtime and the others go on.
        }
    }
    return event.seq;
}

std::vector<Event> EventBus::since(std::int64_t after) const {
    std::lock_guard guard(state_->lock);
    std::vector<Event> out;
    for (const auto& e : state_->recent)
        if (e.seq > after) out.push_back(e);
    return out;
}

std::int64_t EventBus::last_seq() const {
    std::lock_guard guard(state_->lock);
    return state_->last_seq;
}

std::size_t EventBus::subscriber_count() const {
    std::lock_guard guard(state_->lock);
    return state_->slots.size();
}

}  // namespace tidepool::runtime
