// QueueWait: how long sessions waited for capacity, as a histogram for /metrics, fed by the
// runtime's event bus: a session_queued event starts a wait, session_placed ends it (a session
// placed at once waited 0 s), session_failed/ended forgets it. Event times are whole seconds,
// which is the resolution a queue wait needs.
#pragma once

#include <map>
#include <mutex>

#include "metrics/histogram.h"
#include "runtime/events.h"

namespace tidepool::daemon {

class QueueWait {
public:
    QueueWait();
    // Subscribes to `bus`; the wait is recorded while the returned subscription lives.
    [[nodiscard]] runtime::Subscription attach(runtime::EventBus& bus);
    void on_event(const runtime::Event& event);
    metrics::Histogram::Snapshot snapshot() const { return waits_.snapshot(); }

private:
    metrics::Histogram waits_;
    std::mutex mu_;
    std::map<model::Id, model::Instant> queued_at_;  // sessions waiting now
};

}  // namespace tidepool::daemon
