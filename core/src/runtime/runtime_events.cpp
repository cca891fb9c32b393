// What the runtime tells its event bus at each session and machine transition. Kept in one
// place so every transition speaks the same shape (pool, ids, queue position and ETA).
#include "runtime/runtime.h"

namespace tidepool::runtime {

void Runtime::emit(Event event) {
    if (held_events_) held_events_->push_back(std::move(event));
    else events_.publish(std::move(event));
}

void Runtime::publish_session(EventKind kind, const model::Session& session,
                              std::string message) {
    bool queued = session.state == model::SessionState::queued;
    publish_view(kind, queued ? view_of(session) : SessionView{session, 0, -1},
                 std::move(message));
}

void Runtime::publish_view(EventKind kind, const SessionView& view, std::string message) {
    Event e;
    e.kind = kind;
    e.at = now();
    e.pool_id = view.session.pool_id;
    e.session_id = view.session.id;
    e.machine_id = view.session.server_id;
    e.queue_position = view.queue_position;
    e.eta_s = view.eta_s;
    e.message = std::move(message);
    emit(std::move(e));
}

void Runtime::publish_machine(EventKind kind, const model::Server& server,
                              std::string message) {
    Event e;
    e.kind = kind;
    e.at = now();
    e.pool_id = server.pool_id;
    e.machine_id = server.id;
    e.message = std::move(message);
    emit(std::move(e));
}

void Runtime::publish_decision(const model::Id& pool_id, std::string reason) {
    Event e;
    e.kind = EventKind::decision;
    e.at = now();
    e.pool_id = pool_id;
    e.message = std::move(reason);
    emit(std::move(e));
}

}  // namespace tidepool::runtime
