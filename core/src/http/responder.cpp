#include "http/responder.h"

#include "http/exchange.h"

namespace tidepool::http {
namespace detail {

ResponderState::~ResponderState() {
    if (!answered.exchange(true)) {
        exchange->respond(error_response(make_error(
            ErrorCode::internal, "the request handler finished without answering")));
    }
}

void StreamState::mark_closed() {
    std::function<void()> callback;
    {
        std::lock_guard lock(mutex);
        if (!open) return;
        open = false;
        callback.swap(on_close);
    }
    if (callback) callback();
}

namespace {

// Event names and ids are single-line fields; a newline would forge extra fields.
void append_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(": ");
    for (char c : value) {
        if (c != '\r' && c != '\n') out.push_back(c);
    }
    out.push_back('\n');
}

}  // namespace

std::string format_event(std::string_view event, std::string_view data, std::string_view id) {
    std::string out;
    if (!event.empty()) append_field(out, "event", event);
    std::size_t start = 0;
    while (true) {
        auto nl = data.find('\n', start);
        auto line = data.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out.append("data: ").append(line).push_back('\n');
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    if (!id.empty()) append_field(out, "id", id);
    out.push_back('\n');
    return out;
}

}  // namespace detail

Responder::Responder(std::shared_ptr<detail::Exchange> exchange)
    : state_(std::make_shared<detail::ResponderState>(std::move(exchange))) {}

bool Responder::send(Response response) const {
    if (state_->answered.exchange(true)) return false;
    state_->exchange->respond(std::move(response));
    return true;
}

EventStream Responder::start_events(Response head) const {
    if (state_->answered.exchange(true)) return EventStream{};
    auto stream = std::make_shared<detail::StreamState>(state_->exchange);
    state_->exchange->open_stream(std::move(head), stream);
    return EventStream(std::move(stream));
}

bool Responder::answered() const { return state_->answered.load(); }

bool EventStream::send(std::string_view event, std::string_view data, std::string_view id) const {
    if (!open()) return false;
    state_->exchange->push_frame(detail::format_event(event, data, id));
    return true;
}

bool EventStream::comment(std::string_view text) const {
    if (!open()) return false;
    std::string frame;
    frame.append(": ");
    for (char c : text) {
        if (c != '\r' && c != '\n') frame.push_back(c);
    }
    frame.append("\n\n");
    state_->exchange->push_frame(std::move(frame));
    return true;
}

bool EventStream::open() const {
    if (!state_) return false;
    std::lock_guard lock(state_->mutex);
    return state_->open;
}

void EventStream::close() const {
    if (state_) state_->exchange->end_stream();
}

void EventStream::on_close(std::function<void()> callback) const {
    if (!state_) {
        if (callback) callback();
        return;
    }
    {
        std::lock_guard lock(state_->mutex);
        if (state_->open) {
            state_->on_close = std::move(callback);
            return;
        }
    }
    if (callback) callback();
}

}  // namespace tidepool::http
