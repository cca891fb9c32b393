#include "engine/event_fanout.h"

#include <boost/asio/post.hpp>


namespace tidepool {

Subscription& Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        reset();
        state_ = std::move(other.state_);
    }
    return *this;
}

void Subscription::reset() {
    if (!state_) return;
    {
        std::lock_guard lock(state_->mu);  // waits for a handler running on another thread
        state_->active = false;
    }
    state_.reset();
}

namespace engine {

EventFanout::EventFanout(const boost::asio::any_io_executor& host)
    : strand_(boost::asio::make_strand(host)) {}

Subscription EventFanout::subscribe(EventHandler handler) {
    auto state = std::make_shared<Subscription::State>(std::move(handler));
    std::lock_guard lock(mu_);
    subscribers_.push_back(state);
    return Subscription(state);
}

void EventFanout::deliver(EngineEvent event) {
    boost::asio::post(strand_, [self = shared_from_this(), event = std::move(event)] {
        self->run(event);
    });
}

std::vector<std::shared_ptr<Subscription::State>> EventFanout::live_subscribers() {
    std::lock_guard lock(mu_);
    std::vector<std::shared_ptr<Subscription::State>> out;
    std::vector<std::weak_ptr<Subscription::State>> kept;  // forgets unsubscribed ones
    for (const auto& weak : subscribers_) {
        if (auto state = weak.lock()) {
            out.push_back(std::move(state));
            kept.push_back(weak);
        }
    }
    subscribers_ = std::move(kept);
    return out;
}

void EventFanout::run(const EngineEvent& event) {
    for (const auto& state : live_subscribers()) {
        std::lock_guard lock(state->mu);
        if (!state->active) continue;
        // One throwing handler must not starve the others of this event or later ones.
        try {
            state->handler(event);
        } catch (...) {
        }
    }
}

}  // namespace engine
}  // namespace tidepool
