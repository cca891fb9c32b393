// Responder and EventStream: how a handler answers — at once, later from any thread, or as a
// server-sent event stream.
//
// A Responder is a cheap, copyable handle. The first completion (send() or start_events())
// wins; later ones are ignored and return false. If every copy is dropped without completing,
// the client gets a 500 "handler did not respond" rather than a hung connection, so a handler
// that loses track of a request cannot leak the connection.
//
// Lifetime: both handles post to the server's io_context. Drop every Responder and EventStream
// before that io_context is destroyed (an event hub should forget a stream in its on_close).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/response.h"

namespace tidepool::http {

namespace detail {
class Exchange;
struct ResponderState;
struct StreamState;
}  // namespace detail

// An open `text/event-stream` response. Copyable handle; thread-safe. The stream stays open
// while any copy is alive and the client is connected; dropping every copy ends it (the
// server closes the connection). Keep a copy only while the stream is open(): after a
// disconnect, drop it (on_close is the place to do so) so the connection can be freed.
class EventStream {
public:
    EventStream() = default;  // a closed stream

    // Queues one event: "event: <event>\n" (omitted when empty), one "data: " line per line of
    // `data`, "id: <id>\n" when non-empty, then a blank line. CR/LF in event/id are dropped.
    // Returns false once the client is gone or the stream was closed.
    bool send(std::string_view event, std::string_view data, std::string_view id = {}) const;
    // Queues an SSE comment line (": text"), which clients ignore; useful as a keep-alive.
    bool comment(std::string_view text) const;
    // True until the client disconnects, the server stops, or close() is called.
    bool open() const;
    // Ends the stream after the queued events are written.
    void close() const;
    // Called once, on a server thread, when the stream ends for any reason. If the stream has
    // already ended, `callback` runs immediately on the calling thread. Must not block.
    void on_close(std::function<void()> callback) const;

private:
    friend class Responder;
    explicit EventStream(std::shared_ptr<detail::StreamState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::StreamState> state_;
};

class Responder {
public:
    // Answers the request. Safe from any thread. Returns false if already answered.
    bool send(Response response) const;
    // Starts a server-sent event stream: writes the status line and headers (status 200,
    // Content-Type text/event-stream, Cache-Control no-cache, plus any `head.headers`) and
    // returns the stream. The connection is not reused afterwards. If already answered, the
    // returned stream is closed.
    EventStream start_events(Response head = {}) const;
    // True once send() or start_events() has been called on any copy.
    bool answered() const;

    // For the server: binds a responder to one request of one connection.
    explicit Responder(std::shared_ptr<detail::Exchange> exchange);

private:
    std::shared_ptr<detail::ResponderState> state_;
};

}  // namespace tidepool::http
