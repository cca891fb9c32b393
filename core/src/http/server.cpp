#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "http/server_shared.h"
#include "http/tls_context.h"

namespace tidepool::http {
namespace detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Owns the acceptor. Shared so that pending accepts keep it alive after HttpServer is gone.
class ServerCore : public std::enable_shared_from_this<ServerCore> {
public:
    ServerCore(net::io_context& ioc, Router router, ServerOptions options)
        : ioc_(ioc),
          shared_(std::make_shared<ServerShared>()),
          acceptor_(net::make_strand(ioc)),
          retry_(acceptor_.get_executor()) {
        shared_->router = std::move(router);
        shared_->options = std::move(options);
    }

    Result<void> start();
    void stop();
    std::uint16_t port() const { return port_.load(); }
    std::size_t connection_count() const {
        return shared_->registry.serving() + shared_->registry.rejecting();
    }

private:
    void accept();
    void on_accept(boost::system::error_code ec, tcp::socket socket);

    // Answering 503 costs a connection too; past this many, excess clients are just closed.
    static constexpr std::size_t kMaxRejecting = 64;

    net::io_context& ioc_;
    std::shared_ptr<ServerShared> shared_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_;
    std::atomic<std::uint16_t> port_{0};
};

Result<void> ServerCore::start() {
    const auto& opts = shared_->options;
    if (opts.tls) {
        auto ctx = make_tls_context(*opts.tls);
        if (!ctx) return ctx.error();
        shared_->tls = std::move(*ctx);
    }
    boost::system::error_code ec;
    auto address = net::ip::make_address(opts.address, ec);
    if (ec) {
        return make_error(ErrorCode::invalid,
                          "listen address '" + opts.address + "' is not an IP address",
                          "/listen/address");
    }
    tcp::endpoint endpoint(address, opts.port);
    auto where = opts.address + ":" + std::to_string(opts.port);
    if (acceptor_.open(endpoint.protocol(), ec) ||
        acceptor_.set_option(tcp::acceptor::reuse_address(true), ec) ||
        acceptor_.bind(endpoint, ec) || acceptor_.listen(net::socket_base::max_listen_connections, ec)) {
        return make_error(ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint(ec).port();
    accept();
    return {};
}

void ServerCore::accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](boost::system::error_code ec,
                                                       tcp::socket socket) {
                               self->on_accept(ec, std::move(socket));
                           });
}

void ServerCore::on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || shared_->stopping) return;
    if (ec) {
        // Typically EMFILE: back off briefly instead of spinning on the failing accept.
        retry_.expires_after(std::chrono::milliseconds(100));
        retry_.async_wait([self = shared_from_this()](boost::system::error_code e) {
            if (!e) self->accept();
        });
        return;
    }
    auto& registry = shared_->registry;
    bool reject = registry.serving() >= shared_->options.max_connections;
    if (reject && registry.rejecting() >= kMaxRejecting) {
        boost::system::error_code ignored;
        socket.close(ignored);
    } else if (shared_->tls) {
        start_tls_connection(std::move(socket), shared_, reject);
    } else {
        start_plain_connection(std::move(socket), shared_, reject);
    }
    accept();
}

void ServerCore::stop() {
    if (shared_->stopping.exchange(true)) return;
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->acceptor_.close(ignored);
        self->retry_.cancel();
        for (auto& connection : self->shared_->registry.snapshot()) connection->stop();
    });
}

}  // namespace detail

HttpServer::HttpServer(boost::asio::io_context& ioc, Router router, ServerOptions options)
    : core_(std::make_shared<detail::ServerCore>(ioc, std::move(router), std::move(options))) {}

HttpServer::~HttpServer() { core_->stop(); }

Result<void> HttpServer::start() { return core_->start(); }

std::uint16_t HttpServer::port() const { return core_->port(); }

void HttpServer::stop() { core_->stop(); }

std::size_t HttpServer::connection_count() const { return core_->connection_count(); }

}  // namespace tidepool::http
