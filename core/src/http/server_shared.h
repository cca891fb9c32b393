// Internal: what every connection of one server shares — the router, the options, the TLS
// context and the registry of open connections (for the connection limit and for stop()).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "http/exchange.h"
#include "http/router.h"
#include "http/server.h"

namespace tidepool::http::detail {

class ConnectionBase : public Exchange {
public:
    // Graceful stop: close if idle, finish the current response otherwise. Any thread.
    virtual void stop() = 0;
};

class Registry {
public:
    std::uint64_t add(std::weak_ptr<ConnectionBase> connection, bool rejected);
    void remove(std::uint64_t id);
    std::size_t serving() const;   // connections admitted under max_connections
    std::size_t rejecting() const;  // connections being answered 503
    std::vector<std::shared_ptr<ConnectionBase>> snapshot() const;

private:
    struct Entry {
        std::weak_ptr<ConnectionBase> connection;
        bool rejected = false;
    };
    mutable std::mutex mutex_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t next_id_ = 1;
    std::size_t rejecting_ = 0;
};

struct ServerShared {
    Router router;
    ServerOptions options;
    std::shared_ptr<boost::asio::ssl::context> tls;  // null: plain HTTP
    Registry registry;
    std::atomic<bool> stopping{false};
};

// Take ownership of an accepted socket (already bound to its own strand) and serve it. With
// `reject`, the connection reads one request head and answers 503 (server at capacity).
void start_plain_connection(boost::asio::ip::tcp::socket socket,
                            std::shared_ptr<ServerShared> shared, bool reject);
void start_tls_connection(boost::asio::ip::tcp::socket socket,
                          std::shared_ptr<ServerShared> shared, bool reject);

}  // namespace tidepool::http::detail
