#include "runtime/events.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <deque>
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
    using Slots = std::vector<std::shared_ptr<Slot>>;
    explicit State(std::size_t capacity)
        : slots(std::make_shared<const Slots>()), recent(capacity) {}

    // Held for a whole dispatch, so unsubscribing from another thread waits until the handler
    // has returned; recursive so a handler may drop its own subscription.
    std::recursive_mutex dispatch;
    mutable std::mutex lock;  // guards everything below
    // Copy-on-write: publish takes a reference to the current list (no allocation per event);
    // subscribe and unsubscribe, which are rare, build a new one.
    std::shared_ptr<const Slots> slots;
    // A ring indexed by seq: assigning into a used slot reuses its strings' buffers.
    std::vector<Event> recent;
    // The event handlers see, one per nesting level (a handler may publish): assigning into
    // it reuses its buffers too. Guarded by `dispatch`; a deque so growing it for a deeper
    // level never moves an event an outer handler is still reading.
    std::deque<Event> stamped;
    std::size_t depth = 0;
    std::uint64_t next_id = 1;
    std::int64_t last_seq = 0;

    void remove(std::uint64_t id) {
        std::lock_guard dispatching(dispatch);
        std::lock_guard guard(lock);
        auto next = std::make_shared<Slots>(*slots);
        auto it = std::find_if(next->begin(), next->end(),
                               [id](const auto& s) { return s->id == id; });
        if (it == next->end()) return;
        (*it)->alive = false;
        next->erase(it);
        slots = std::move(next);
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
    auto next = std::make_shared<Subscription::State::Slots>(*state_->slots);
    next->push_back(slot);
    state_->slots = std::move(next);
    return Subscription(state_, slot->id);
}

template <class Fill>
std::int64_t EventBus::publish_with(const Fill& fill) {
    std::lock_guard dispatching(state_->dispatch);
    auto& st = *state_;
    if (st.depth == st.stamped.size()) st.stamped.emplace_back();
    Event& event = st.stamped[st.depth];
    fill(event);
    struct Nesting {
        std::size_t& depth;
        explicit Nesting(std::size_t& d) : depth(d) { ++depth; }
        ~Nesting() { --depth; }
    } nesting(st.depth);
    std::shared_ptr<const Subscription::State::Slots> targets;
    {
        std::lock_guard guard(st.lock);
        event.seq = ++st.last_seq;
        if (!st.recent.empty())
            st.recent[static_cast<std::size_t>(event.seq) % st.recent.size()] = event;
        targets = st.slots;
    }
    for (const auto& slot : *targets) {
        if (!slot->alive) continue;  // dropped by an earlier handler in this dispatch
        try {
            slot->handler(event);
        } catch (...) {
            // A subscriber's bug stays the subscriber's: the runtime and the others go on.
        }
    }
    return event.seq;
}

std::int64_t EventBus::publish(const Event& event) {
    return publish_with([&](Event& stamped) { stamped = event; });
}

std::int64_t EventBus::publish(Event&& event) {
    return publish_with([&](Event& stamped) { stamped = std::move(event); });
}

std::vector<Event> EventBus::since(std::int64_t after) const {
    std::lock_guard guard(state_->lock);
    std::vector<Event> out;
    const auto& recent = state_->recent;
    auto kept = static_cast<std::int64_t>(recent.size());
    for (std::int64_t seq = std::max(after, state_->last_seq - kept) + 1;
         seq <= state_->last_seq; ++seq)
        out.push_back(recent[static_cast<std::size_t>(seq) % recent.size()]);
    return out;
}

std::int64_t EventBus::last_seq() const {
    std::lock_guard guard(state_->lock);
    return state_->last_seq;
}

std::size_t EventBus::subscriber_count() const {
    std::lock_guard guard(state_->lock);
    return state_->slots->size();
}

}  // namespace tidepool::runtime
