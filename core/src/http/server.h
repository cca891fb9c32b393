// HttpServer: serves a Router over HTTP/1.1 (optionally TLS) with Boost.Beast on a
// caller-owned io_context. The caller decides how many threads run the io_context; each
// connection is serialised on its own strand, handlers run on those threads and must not block.
//
//   boost::asio::io_context ioc;
//   http::Router router;
//   router.add_sync("GET", "/api/v1/status", [](const http::Request&) { ... });
//   http::HttpServer server(ioc, std::move(router), {.address = "127.0.0.1", .port = 0});
//   if (auto started = server.start(); !started) { ... started.error() ... }
//   std::thread t([&] { ioc.run(); });   // any number of threads
//   ...  server.port() is the bound port
//   server.stop();  t.join();            // run() returns once every connection has finished
//
// Destroy the HttpServer (and drop every Responder/EventStream) before the io_context: they
// post to it. A request whose handler still holds its Responder counts as work, so run() does
// not return while an answer is owed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "http/router.h"
#include "tidepool/result.h"

namespace tidepool::http {

// One line of the access log. The path never includes the query string: queries can carry
// secrets (e.g. the check-in token), logs must not.
struct AccessLogEntry {
    std::string method;
    std::string path;
    std::string route;  // matched pattern, "" when none matched
    int status = 0;
    std::chrono::microseconds duration{0};  // from the request head being read to the last byte
    std::string request_id;
    std::string remote_address;
    std::size_t response_bytes = 0;  // body bytes (for an event stream: bytes sent in total)
};
using AccessLogSink = std::function<void(const AccessLogEntry&)>;

struct TlsFiles {
    std::string cert_file{};  // PEM certificate chain
    std::string key_file{};   // PEM private key
};

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8470;  // 0: an ephemeral port, see HttpServer::port()
    std::size_t body_limit = 1024 * 1024;  // larger bodies get 413 without being read
    std::size_t header_limit = 16 * 1024;  // larger request heads get 431
    // A client must send a complete request head this long after connecting or after its
    // previous response (so it is also the keep-alive idle timeout).
    std::chrono::milliseconds header_timeout{30000};
    std::chrono::milliseconds body_timeout{30000};   // to receive the whole body once the head is in
    std::chrono::milliseconds write_timeout{30000};  // to accept each response / event write
    // Connections beyond this are answered 503 and closed.
    std::size_t max_connections = 512;
    // Event streams send an SSE comment this often so proxies keep them open (0: never).
    std::chrono::milliseconds event_heartbeat{15000};
    // An event stream whose client falls this far behind is dropped.
    std::size_t event_queue_limit = 4 * 1024 * 1024;
    std::optional<TlsFiles> tls{};  // HTTPS when set
    AccessLogSink access_log{};     // called after each response; may be empty
};

namespace detail {
class ServerCore;
}

class HttpServer {
public:
    HttpServer(boost::asio::io_context& ioc, Router router, ServerOptions options);
    ~HttpServer();  // stops accepting; does not wait (run the io_context to drain)
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Loads TLS files (if any), binds and starts accepting. Errors name the address or file.
    Result<void> start();
    // The bound port (the real one when options.port was 0); 0 before start().
    std::uint16_t port() const;
    // Stops accepting, closes idle keep-alive connections and event streams, and lets
    // in-flight requests finish (answered with Connection: close). Thread-safe, idempotent.
    void stop();
    // Open connections right now (for diagnostics and tests).
    std::size_t connection_count() const;

private:
    std::shared_ptr<detail::ServerCore> core_;
};

}  // namespace tidepool::http
