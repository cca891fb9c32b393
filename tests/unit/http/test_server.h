// Test support: a tp_http server on 127.0.0.1:0 with its own io_context threads, and a small
// blocking client built on Beast that never hangs a test (every operation has a generous
// safety deadline; tests never assert on time).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/server.h"

namespace tidepool::http::test {

// Collects access-log entries from server threads.
class LogSink {
public:
    AccessLogSink sink();
    std::vector<AccessLogEntry> entries() const;

private:
    mutable std::mutex mutex_;
    std::vector<AccessLogEntry> entries_;
};

class TestServer {
public:
    explicit TestServer(Router router, ServerOptions options = {}, int threads = 2);
    ~TestServer();
    std::uint16_t port() const { return server_->port(); }
    HttpServer& server() { return *server_; }
    LogSink& log() { return log_; }

private:
    boost::asio::io_context ioc_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    LogSink log_;
    std::optional<HttpServer> server_;
    std::vector<std::thread> threads_;
};

using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// One client connection. Plain TCP, or TLS when given a client context.
class TestClient {
public:
    explicit TestClient(std::uint16_t port);
    TestClient(std::uint16_t port, boost::asio::ssl::context& tls);
    ~TestClient();

    // Sends a request and reads its response. nullopt when the server closed instead.
    std::optional<BeastResponse> request(const std::string& method, const std::string& target,
                                         const std::string& body = {},
                                         const std::vector<std::pair<std::string, std::string>>&
                                             headers = {});
    void send_raw(const std::string& bytes);
    std::optional<BeastResponse> read_response();
    // Reads raw bytes until `needle` has been seen (true) or the server closes (false).
    bool read_until(const std::string& needle);
    const std::string& received() const { return raw_; }
    // True once the server has closed the connection (reads return EOF or an error).
    bool wait_closed();
    void close();

private:
    template <class Op>
    void run(Op&& op);

    boost::asio::io_context ioc_;
    std::unique_ptr<boost::beast::tcp_stream> plain_;
    std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls_;
    boost::beast::flat_buffer buffer_;
    std::string raw_;
};

// Waits (polling) until `condition` holds; false after a generous safety limit.
template <class F>
bool eventually(F condition) {
    for (int i = 0; i < 2000; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

}  // namespace tidepool::http::test
