// The REST API's authentication and authorisation, as one Router guard: every request but the
// public ones (auth/policy.h) must carry a valid API key whose role allows the route.
// 401 (with WWW-Authenticate: Bearer) when the key is missing or bad, 403 when its role does
// not allow the call; both in the API's error shape.
//
// Verifying a key the cache does not know costs a PBKDF2 run (tens of milliseconds by design),
// so it never runs on an HTTP I/O thread: AuthGate hands it to its own small thread pool and
// resumes the request on the io_context afterwards. Two limits keep a flood of bad keys from
// burning the CPU: a client (by address) that keeps failing gets 429 with Retry-After before
// any verification runs (auth/failure_limiter.h), and when too many verifications are already
// queued, new ones get 503 with Retry-After instead of waiting in an unbounded queue.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "auth/authenticator.h"
#include "auth/failure_limiter.h"
#include "daemon/logging.h"
#include "http/router.h"

namespace tidepool::daemon {

// The authenticator over the store, with the bootstrap admin key made on first start
// (<data dir>/admin-api-key, 0600; only its path is logged).
Result<std::unique_ptr<auth::Authenticator>> open_authenticator(store::Store& store,
                                                               const std::string& data_dir,
                                                               Logger& logger);

class AuthGate {
public:
    struct Options {
        int verify_threads = 1;        // PBKDF2 runs at once; more only queue behind the CPU
        std::size_t max_pending = 64;  // queued verifications beyond this get 503
        auth::FailureLimiter::Options failures{};
    };

    // `io` is where requests resume after a verification (the HTTP server's io_context).
    AuthGate(auth::Authenticator& authenticator, Logger& logger, boost::asio::io_context& io,
             Options options);
    ~AuthGate();  // waits for verifications in flight; stop the server first
    AuthGate(const AuthGate&) = delete;
    AuthGate& operator=(const AuthGate&) = delete;

    http::AsyncGuard guard();

private:
    void check(const http::Request& req, const http::Decision& decide);
    void verify_off_thread(const http::Request& req, http::Decision decide);
    std::optional<http::Response> decide_for(const http::Request& req,
                                             const Result<auth::Principal>& who);

    auth::Authenticator& authenticator_;
    Logger& logger_;
    boost::asio::io_context& io_;
    Options options_;
    auth::FailureLimiter failures_;
    std::atomic<std::size_t> pending_{0};
    boost::asio::thread_pool verifiers_;
};

}  // namespace tidepool::daemon
