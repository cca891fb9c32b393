// Delivery of engine events to the host's subscribers: published on the engine's control
// strand, handed over to a strand on the host's executor, so handlers run on the host's
// threads, one at a time, in seq order, and never hold up the engine.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>

#include <memory>
#include <mutex>
#include <vector>

#include "tidepool/engine_events.h"

namespace tidepool {

// One subscriber. `mu` is held while its handler runs, so reset() from another thread waits
// for a running handler; it is recursive so reset() from inside the handler does not.
struct Subscription::State {
    explicit State(EventHandler h) : handler(std::move(h)) {}
    std::recursive_mutex mu;
    bool active = true;
    EventHandler handler;
};

namespace engine {

class EventFanout : public std::enable_shared_from_this<EventFanout> {
public:
    explicit EventFanout(const boost::asio::any_io_executor& host);

    // Any thread.
    Subscription subscribe(EventHandler handler);
    // Any thread: queues delivery of event on the host's executor.
    void deliver(EngineEvent event);

private:
    void run(const EngineEvent& event);
    std::vector<std::shared_ptr<Subscription::State>> live_subscribers();

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    std::mutex mu_;  // guards subscribers_
    std::vector<std::weak_ptr<Subscription::State>> subscribers_;
};

}  // namespace engine
}  // namespace tidepool
