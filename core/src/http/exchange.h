// Internal: the link between a Responder/EventStream and the connection that owns the request.
// The connection implements Exchange; every method may be called from any thread and only
// posts work onto the connection's strand.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "http/response.h"

namespace tidepool::http::detail {

struct StreamState;

class Exchange {
public:
    virtual ~Exchange() = default;
    virtual void respond(Response response) = 0;
    virtual void open_stream(Response head, std::shared_ptr<StreamState> state) = 0;
    virtual void push_frame(std::string frame) = 0;
    virtual void end_stream() = 0;
};

struct ResponderState {
    explicit ResponderState(std::shared_ptr<Exchange> e) : exchange(std::move(e)) {}
    ~ResponderState();
    std::shared_ptr<Exchange> exchange;
    std::atomic<bool> answered{false};
};

struct StreamState {
    explicit StreamState(std::shared_ptr<Exchange> e) : exchange(std::move(e)) {}
    // The last handle is gone: nobody will send more, so end the response.
    ~StreamState() { exchange->end_stream(); }

    // Called by the connection when the stream ends (client gone, stop, or end_stream done).
    void mark_closed();

    std::shared_ptr<Exchange> exchange;
    std::mutex mutex;
    bool open = true;
    std::function<void()> on_close;
};

// "event: …\ndata: …\n…\n\n" — see EventStream::send.
std::string format_event(std::string_view event, std::string_view data, std::string_view id);

}  // namespace tidepool::http::detail
