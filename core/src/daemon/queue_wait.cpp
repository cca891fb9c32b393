#include "daemon/queue_wait.h"

namespace tidepool::daemon {

QueueWait::QueueWait() : waits_({1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600}) {}

runtime::Subscription QueueWait::attach(runtime::EventBus& bus) {
    return bus.subscribe([this](const runtime::Event& e) { on_event(e); });
}

void QueueWait::on_event(const runtime::Event& e) {
    using runtime::EventKind;
    std::lock_guard lock(mu_);
    switch (e.kind) {
        case EventKind::session_queued:
            queued_at_.emplace(e.session_id, e.at);
            break;
        case EventKind::session_placed: {
            auto it = queued_at_.find(e.session_id);
            double waited = it == queued_at_.end() ? 0.0 : std::chrono::duration<double>(e.at - it->second).count();
            waits_.observe(waited < 0 ? 0 : waited);
            if (it != queued_at_.end()) queued_at_.erase(it);
            break;
        }
        case EventKind::session_failed:
        case EventKind::session_ended:
            queued_at_.erase(e.session_id);
            break;
        default:
            break;
    }
}

}  // namespace tidepool::daemon
