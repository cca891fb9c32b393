// Internal: the request/response cycle of Connection<Stream>. Included by connection.h only.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "http/request_id.h"

namespace tidepool::http::detail {

inline bool is_parse_error(const beast::error_code& ec) {
    // end_of_stream and partial_message are the client leaving, not sending garbage.
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

inline bool equals_ignore_case(std::string_view a, std::string_view b) {
    return !CaseInsensitiveLess{}(a, b) && !CaseInsensitiveLess{}(b, a);
}

template <class Stream>
Connection<Stream>::Connection(net::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared,
                               bool reject)
    : stream_(make_stream(std::move(socket), *shared)),
      executor_(stream_.get_executor()),
      shared_(std::move(shared)),
      reject_(reject),
      heartbeat_(executor_) {}

template <class Stream>
Connection<Stream>::~Connection() {
    if (id_ != 0) shared_->registry.remove(id_);
}

template <class Stream>
Stream Connection<Stream>::make_stream(net::ip::tcp::socket socket, ServerShared& shared) {
    if constexpr (kTls) {
        return Stream(std::move(socket), *shared.tls);
    } else {
        return Stream(std::move(socket));
    }
}

template <class Stream>
void Connection<Stream>::start() {
    id_ = shared_->registry.add(this->weak_from_this(), reject_);
    on_strand([self = this->shared_from_this()] { self->on_start(); });
}

template <class Stream>
void Connection<Stream>::on_start() {
    beast::error_code ec;
    auto peer = lowest().socket().remote_endpoint(ec);
    if (ec || shared_->stopping) return close_now();
    remote_address_ = peer.address().to_string();
    remote_port_ = peer.port();
    if constexpr (kTls) {
        phase_ = Phase::handshake;
        lowest().expires_after(opts().header_timeout);
        stream_.async_handshake(net::ssl::stream_base::server,
                                [self = this->shared_from_this()](beast::error_code e) {
                                    if (e) return self->close_now();
                                    self->read_head();
                                });
    } else {
        read_head();
    }
}

template <class Stream>
void Connection<Stream>::read_head() {
    if (stopping_) return close_now();
    phase_ = Phase::idle;
    request_ = Request{};
    version_ = 11;
    status_ = 0;
    bytes_ = 0;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opts().header_limit));
    // No body limit yet: the parser would apply it to Content-Length while reading the head,
    // before admit_body() could pick the route's own limit. (Not boost::none: Beast 1.74
    // compares the length against the optional, and any length is "greater" than none.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    lowest().expires_after(opts().header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                 self->on_head(ec);
                             });
}

template <class Stream>
void Connection<Stream>::on_head(beast::error_code ec) {
    started_ = std::chrono::steady_clock::now();
    if (ec) return on_head_error(ec);
    version_ = parser_->get().version();
    keep_alive_ = parser_->keep_alive();
    auto parsed = request_from_head(parser_->get());
    if (!parsed) {
        return fail(make_error(ErrorCode::invalid, "malformed request target: the path must start "
                                                   "with '/' and use valid %XX escapes"));
    }
    request_ = std::move(*parsed);
    request_.remote_address = remote_address_;
    request_.remote_port = remote_port_;
    request_.tls = kTls;
    request_.request_id = pick_request_id(request_);
    if (reject_) {
        return fail(make_error(ErrorCode::unavailable,
                               "the server is at its connection limit; retry shortly"));
    }
    if (!admit_body()) return;
    if (parser_->is_done()) return dispatch();
    auto expect = request_.headers.get("Expect");
    if (expect && equals_ignore_case(*expect, "100-continue")) return send_continue();
    read_body();
}

template <class Stream>
void Connection<Stream>::on_head_error(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
        return fail(make_error(ErrorCode::too_large,
                               "the request head exceeds " + std::to_string(opts().header_limit) +
                                   " bytes"),
                    431);
    }
    if (is_parse_error(ec)) {
        return fail(make_error(ErrorCode::invalid, "malformed HTTP request: " + ec.message()));
    }
    close_now();  // the client left or was too slow: nobody to answer
}

// Picks the body limit (the route's, else the server's) and refuses an announced oversized
// body before reading any of it.
template <class Stream>
bool Connection<Stream>::admit_body() {
    auto raw_path = std::string_view(request_.target).substr(0, request_.target.find('?'));
    auto match = shared_->router.match(request_.method, raw_path);
    body_limit_ = opts().body_limit;
    if (match.kind == Router::Match::Kind::found) {
        request_.route = match.pattern;
        if (match.options->body_limit) body_limit_ = *match.options->body_limit;
    }
    parser_->body_limit(body_limit_);
    // Read the (already validated) header ourselves: Beast's optional-returning accessor
    // trips GCC's maybe-uninitialized warning in sanitizer builds.
    auto length = request_.headers.get("Content-Length");
    if (length && std::strtoull(std::string(*length).c_str(), nullptr, 10) > body_limit_) {
        fail(make_error(ErrorCode::too_large, "the request body exceeds " +
                                                  std::to_string(body_limit_) + " bytes"));
        return false;
    }
    return true;
}

template <class Stream>
void Connection<Stream>::send_continue() {
    continue_.emplace(bhttp::status::continue_, version_);
    lowest().expires_after(opts().write_timeout);
    bhttp::async_write(stream_, *continue_,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                           if (ec) return self->close_now();
                           self->read_body();
                       });
}

template <class Stream>
void Connection<Stream>::read_body() {
    phase_ = Phase::body;
    lowest().expires_after(opts().body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          self->on_body(ec);
                      });
}

template <class Stream>
void Connection<Stream>::on_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
        return fail(make_error(ErrorCode::too_large, "the request body exceeds " +
                                                         std::to_string(body_limit_) + " bytes"));
    }
    if (ec == beast::error::timeout) {
        // The stream has already closed the socket; record why for the operator.
        status_ = 408;
        log_access();
        return close_now();
    }
    if (ec && is_parse_error(ec)) {
        return fail(make_error(ErrorCode::invalid, "malformed HTTP request body: " + ec.message()));
    }
    if (ec) return close_now();
    dispatch();
}

template <class Stream>
void Connection<Stream>::dispatch() {
    phase_ = Phase::handling;
    lowest().expires_never();
    // While a handler owns the request no I/O is pending; count it as work so that
    // io_context::run() cannot return (e.g. after stop()) before the answer is written.
    handler_work_ = net::prefer(executor_, net::execution::outstanding_work.tracked);
    Request request = request_;
    request.body = parser_->release().body();
    parser_.reset();
    shared_->router.dispatch(std::move(request), Responder(this->shared_from_this()));
}

// Answers an unusable request and closes: after a framing error the byte stream can no longer
// be trusted to hold a next request.
template <class Stream>
void Connection<Stream>::fail(Error error, int status) {
    if (request_.request_id.empty()) request_.request_id = generate_request_id();
    keep_alive_ = false;
    phase_ = Phase::handling;
    Response response = error_response(error);
    if (status != 0) response.status = status;
    write_response(std::move(response));
}

template <class Stream>
void Connection<Stream>::respond(Response response) {
    on_strand([self = this->shared_from_this(), r = std::move(response)]() mutable {
        self->write_response(std::move(r));
    });
}

template <class Stream>
void Connection<Stream>::write_response(Response response) {
    if (phase_ != Phase::handling) return;  // closed while the handler worked
    handler_work_ = {};
    phase_ = Phase::writing;
    status_ = response.status;
    bytes_ = response.body.size();
    bool keep = keep_alive_ && !stopping_ && !shared_->stopping;
    response_.emplace(to_beast(std::move(response), request_.request_id, keep, version_));
    lowest().expires_after(opts().write_timeout);
    bhttp::async_write(stream_, *response_,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                           self->on_written(ec);
                       });
}

template <class Stream>
void Connection<Stream>::on_written(beast::error_code ec) {
    log_access();
    if (ec) return close_now();
    bool keep = response_->keep_alive();
    response_.reset();
    if (!keep) return close_gracefully();
    read_head();
}

// Lets the client read the last response before the socket goes: closing with unread input
// would send a RST that can destroy the response in flight.
template <class Stream>
void Connection<Stream>::close_gracefully() {
    phase_ = Phase::closing;
    lowest().expires_after(opts().header_timeout);
    if constexpr (kTls) {
        stream_.async_shutdown(
            [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
    } else {
        beast::error_code ignored;
        stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
        drained_ = 0;
        drain();
    }
}

template <class Stream>
void Connection<Stream>::drain() {
    constexpr std::size_t kMaxDrain = 1024 * 1024;
    stream_.async_read_some(net::buffer(sink_), [self = this->shared_from_this()](
                                                    beast::error_code ec, std::size_t n) {
        self->drained_ += n;
        if (ec || self->drained_ > kMaxDrain) return self->close_now();
        self->drain();
    });
}

template <class Stream>
void Connection<Stream>::close_now() {
    if (phase_ == Phase::closed) return;
    bool was_streaming = phase_ == Phase::streaming;
    phase_ = Phase::closed;
    handler_work_ = {};
    beast::error_code ignored;
    lowest().socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    lowest().close();
    heartbeat_.cancel();
    frames_.clear();
    if (was_streaming) log_access();
    if (auto state = events_.lock()) state->mark_closed();
    if (id_ != 0) shared_->registry.remove(id_);
    id_ = 0;
}

template <class Stream>
void Connection<Stream>::stop() {
    on_strand([self = this->shared_from_this()] { self->on_stop(); });
}

template <class Stream>
void Connection<Stream>::on_stop() {
    stopping_ = true;
    if (phase_ == Phase::handshake || phase_ == Phase::idle) return close_now();
    if (phase_ == Phase::streaming) return end_events();
    // body/handling/writing: the response goes out with Connection: close.
}

template <class Stream>
void Connection<Stream>::log_access() {
    if (!opts().access_log) return;
    AccessLogEntry entry;
    entry.method = request_.method;
    entry.path = request_.path;
    entry.route = request_.route;
    entry.status = status_;
    entry.duration = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started_);
    entry.request_id = request_.request_id;
    entry.remote_address = remote_address_;
    entry.response_bytes = bytes_;
    try {
        opts().access_log(entry);
    } catch (...) {
        // A failing log sink must not take the connection down with it.
    }
}

}  // namespace tidepool::http::detail
