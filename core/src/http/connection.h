// Internal: one HTTP/1.1 connection (plain or TLS), serving requests one at a time on its own
// strand. Phases: [handshake] → idle (awaiting a head) → body → handling (the handler owns the
// request) → writing → idle again (keep-alive) or closing; an event stream leaves `handling`
// for `streaming` and ends with the connection.
//
// Every async operation holds a shared_ptr to the connection; a Responder or EventStream does
// too, so the connection lives exactly as long as someone can still act on it.
#pragma once

#include <array>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/execution.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/beast_message.h"
#include "http/server_shared.h"

namespace tidepool::http::detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
class Connection final : public ConnectionBase,
                         public std::enable_shared_from_this<Connection<Stream>> {
public:
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

    Connection(net::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared, bool reject);
    ~Connection() override;

    void start();

    // Exchange and ConnectionBase: callable from any thread, they only post to the strand.
    void respond(Response response) override;
    void open_stream(Response head, std::shared_ptr<StreamState> state) override;
    void push_frame(std::string frame) override;
    void end_stream() override;
    void stop() override;

private:
    enum class Phase { handshake, idle, body, handling, writing, streaming, closing, closed };
    using Executor = net::any_io_executor;

    static Stream make_stream(net::ip::tcp::socket socket, ServerShared& shared);
    const ServerOptions& opts() const { return shared_->options; }
    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
    template <class F>
    void on_strand(F&& f) {
        net::post(executor_, std::forward<F>(f));
    }

    // Request cycle (connection.h).
    void on_start();
    void read_head();
    void on_head(beast::error_code ec);
    void on_head_error(beast::error_code ec);
    bool admit_body();
    void send_continue();
    void read_body();
    void on_body(beast::error_code ec);
    void dispatch();
    void fail(Error error, int status = 0);
    void write_response(Response response);
    void on_written(beast::error_code ec);
    void close_gracefully();
    void drain();
    void close_now();
    void on_stop();
    void log_access();

    // Event streams (connection_events.h).
    void begin_events(Response head, const std::shared_ptr<StreamState>& state);
    void enqueue(std::string frame);
    void write_next_frame();
    void watch_disconnect();
    void arm_heartbeat();
    void end_events();

    Stream stream_;
    Executor executor_;
    std::shared_ptr<ServerShared> shared_;
    bool reject_;
    std::uint64_t id_ = 0;
    Phase phase_ = Phase::idle;
    bool stopping_ = false;
    std::string remote_address_;
    std::uint16_t remote_port_ = 0;

    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::response<bhttp::empty_body>> continue_;
    std::optional<BeastResponse> response_;
    std::array<char, 1024> sink_{};  // discarded input: lingering close, stream disconnects
    std::size_t drained_ = 0;

    // The request being served, without its body (kept for the response and the log).
    Request request_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    std::size_t body_limit_ = 0;
    int status_ = 0;
    std::size_t bytes_ = 0;
    std::chrono::steady_clock::time_point started_;

    std::weak_ptr<StreamState> events_;
    std::deque<std::string> frames_;
    std::size_t queued_ = 0;
    bool writing_ = false;
    bool ending_ = false;
    net::steady_timer heartbeat_;
    Executor handler_work_;  // tracks outstanding work while a handler holds the request
};

}  // namespace tidepool::http::detail

#include "http/connection_cycle.h"
#include "http/connection_events.h"
