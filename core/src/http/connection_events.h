// Internal: server-sent event streams on Connection<Stream>. Included by connection.h only.
//
// While streaming, one read stays pending purely to notice the client leaving (a closed socket
// is otherwise only discovered by a failing write, possibly much later), and writes go out one
// frame at a time from a bounded queue so a stalled client cannot grow memory without limit.
#pragma once

namespace tidepool::http::detail {

template <class Stream>
void Connection<Stream>::open_stream(Response head, std::shared_ptr<StreamState> state) {
    on_strand([self = this->shared_from_this(), h = std::move(head),
               s = std::move(state)]() mutable { self->begin_events(std::move(h), s); });
}

template <class Stream>
void Connection<Stream>::push_frame(std::string frame) {
    on_strand([self = this->shared_from_this(), f = std::move(frame)]() mutable {
        self->enqueue(std::move(f));
    });
}

template <class Stream>
void Connection<Stream>::end_stream() {
    on_strand([self = this->shared_from_this()] { self->end_events(); });
}

template <class Stream>
void Connection<Stream>::begin_events(Response head, const std::shared_ptr<StreamState>& state) {
    if (phase_ != Phase::handling) {
        state->mark_closed();
        return;
    }
    phase_ = Phase::streaming;
    handler_work_ = {};  // the pending disconnect watch is the work from now on
    events_ = state;
    status_ = head.status;
    bytes_ = 0;
    // The read must be pending before the first write sets the write timer: the stream applies
    // expires_after to every operation not yet pending, and this read must never expire.
    lowest().expires_never();
    watch_disconnect();
    enqueue(event_stream_head(head, request_.request_id));
    if (stopping_ || shared_->stopping) return end_events();
    arm_heartbeat();
}

template <class Stream>
void Connection<Stream>::enqueue(std::string frame) {
    if (phase_ != Phase::streaming || ending_) return;
    queued_ += frame.size();
    if (queued_ > opts().event_queue_limit) return close_now();  // the client stopped reading
    frames_.push_back(std::move(frame));
    if (!writing_) write_next_frame();
}

template <class Stream>
void Connection<Stream>::write_next_frame() {
    if (phase_ != Phase::streaming) return;
    if (frames_.empty()) {
        writing_ = false;
        if (ending_) close_now();
        return;
    }
    writing_ = true;
    lowest().expires_after(opts().write_timeout);  // the pending read keeps its own timer
    net::async_write(stream_, net::buffer(frames_.front()),
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                         if (ec || self->frames_.empty()) return self->close_now();
                         self->bytes_ += n;
                         self->queued_ -= self->frames_.front().size();
                         self->frames_.pop_front();
                         self->write_next_frame();
                     });
}

template <class Stream>
void Connection<Stream>::watch_disconnect() {
    stream_.async_read_some(net::buffer(sink_), [self = this->shared_from_this()](
                                                    beast::error_code ec, std::size_t) {
        if (ec || self->phase_ != Phase::streaming) return self->close_now();
        // Clients have nothing to say on an event stream; ignore it and keep watching.
        self->lowest().expires_never();
        self->watch_disconnect();
    });
}

template <class Stream>
void Connection<Stream>::arm_heartbeat() {
    if (opts().event_heartbeat.count() <= 0) return;
    heartbeat_.expires_after(opts().event_heartbeat);
    heartbeat_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
        if (ec || self->phase_ != Phase::streaming) return;
        if (self->frames_.empty()) self->enqueue(": keep-alive\n\n");
        self->arm_heartbeat();
    });
}

template <class Stream>
void Connection<Stream>::end_events() {
    if (phase_ != Phase::streaming) return;
    ending_ = true;
    if (!writing_) close_now();
}

}  // namespace tidepool::http::detail
