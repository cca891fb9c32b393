#include "test_server.h"

#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>

namespace tidepool::http::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {
constexpr auto kSafety = std::chrono::seconds(20);  // only to keep a broken test from hanging
}

AccessLogSink LogSink::sink() {
    return [this](const AccessLogEntry& e) {
        std::lock_guard lock(mutex_);
        entries_.push_back(e);
    };
}

std::vector<AccessLogEntry> LogSink::entries() const {
    std::lock_guard lock(mutex_);
    return entries_;
}

TestServer::TestServer(Router router, ServerOptions options, int threads)
    : work_(net::make_work_guard(ioc_)) {
    options.address = "127.0.0.1";
    options.port = 0;
    if (!options.access_log) options.access_log = log_.sink();
    server_.emplace(ioc_, std::move(router), std::move(options));
    auto started = server_->start();
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

TestServer::~TestServer() {
    server_->stop();
    work_.reset();
    for (auto& t : threads_) t.join();
}

TestClient::TestClient(std::uint16_t port) : plain_(std::make_unique<beast::tcp_stream>(ioc_)) {
    plain_->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

TestClient::TestClient(std::uint16_t port, net::ssl::context& tls)
    : tls_(std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc_, tls)) {
    beast::get_lowest_layer(*tls_).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::error_code ec;
    beast::get_lowest_layer(*tls_).expires_after(kSafety);
    tls_->async_handshake(net::ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
    ioc_.restart();
    ioc_.run();
    REQUIRE_MESSAGE(!ec, ec.message());
}

TestClient::~TestClient() { close(); }

template <class Op>
void TestClient::run(Op&& op) {
    if (plain_) {
        plain_->expires_after(kSafety);
        op(*plain_);
    } else {
        beast::get_lowest_layer(*tls_).expires_after(kSafety);
        op(*tls_);
    }
    ioc_.restart();
    ioc_.run();
}

void TestClient::send_raw(const std::string& bytes) {
    beast::error_code ec;
    run([&](auto& s) {
        net::async_write(s, net::buffer(bytes), [&](beast::error_code e, std::size_t) { ec = e; });
    });
    REQUIRE_MESSAGE(!ec, ec.message());
}

std::optional<BeastResponse> TestClient::read_response() {
    BeastResponse response;
    beast::error_code ec;
    run([&](auto& s) {
        bhttp::async_read(s, buffer_, response, [&](beast::error_code e, std::size_t) { ec = e; });
    });
    if (ec) {
        MESSAGE("read_response: " << ec.message());
        return std::nullopt;
    }
    return response;
}

std::optional<BeastResponse> TestClient::request(
    const std::string& method, const std::string& target, const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    run([&](auto& s) {
        bhttp::async_write(s, req, [&](beast::error_code e, std::size_t) { ec = e; });
    });
    if (ec) return std::nullopt;
    return read_response();
}

bool TestClient::read_until(const std::string& needle) {
    while (raw_.find(needle) == std::string::npos) {
        char chunk[4096];
        beast::error_code ec;
        std::size_t n = 0;
        run([&](auto& s) {
            s.async_read_some(net::buffer(chunk), [&](beast::error_code e, std::size_t k) {
                ec = e;
                n = k;
            });
        });
        raw_.append(chunk, n);
        if (ec) return raw_.find(needle) != std::string::npos;
    }
    return true;
}

bool TestClient::wait_closed() {
    while (true) {
        char chunk[4096];
        beast::error_code ec;
        std::size_t n = 0;
        run([&](auto& s) {
            s.async_read_some(net::buffer(chunk), [&](beast::error_code e, std::size_t k) {
                ec = e;
                n = k;
            });
        });
        raw_.append(chunk, n);
        if (ec == beast::error::timeout) return false;  // the safety deadline, not a close
        if (ec) return true;
    }
}

void TestClient::close() {
    beast::error_code ignored;
    if (plain_) plain_->socket().shutdown(tcp::socket::shutdown_both, ignored);
    if (plain_) plain_->close();
    if (tls_) beast::get_lowest_layer(*tls_).close();
}

}  // namespace tidepool::http::test
