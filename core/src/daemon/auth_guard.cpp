#include "daemon/auth_guard.h"

#include <boost/asio/post.hpp>

#include <filesystem>

#include "auth/bootstrap.h"
#include "auth/policy.h"
#include "http/response.h"

namespace tidepool::daemon {
namespace {

// A refusal that tells the client when to come back: 429 (this client failed too often) or
// 503 (the verifiers are saturated).
http::Response try_later(int status, std::chrono::seconds wait, const std::string& why) {
    auto r = http::error_response(make_error(ErrorCode::unavailable, why));
    r.status = status;
    r.headers.set("Retry-After", std::to_string(wait.count()));
    return r;
}

}  // namespace

Result<std::unique_ptr<auth::Authenticator>> open_authenticator(store::Store& store,
                                                               const std::string& data_dir,
                                                               Logger& logger) {
    auto authenticator = std::make_unique<auth::Authenticator>(store);
    auto made = auth::ensure_bootstrap_key(*authenticator,
                                           std::filesystem::path(data_dir) / "admin-api-key");
    if (!made) return made.error();
    if (*made) logger.log("info", "created bootstrap admin key at " + made->value().string());
    return authenticator;
}

AuthGate::AuthGate(auth::Authenticator& authenticator, Logger& logger,
                   boost::asio::io_context& io, Options options)
    : authenticator_(authenticator),
      logger_(logger),
      io_(io),
      options_(options),
      failures_(options.failures),
      verifiers_(static_cast<std::size_t>(std::max(1, options.verify_threads))) {}

AuthGate::~AuthGate() { verifiers_.join(); }

http::AsyncGuard AuthGate::guard() {
    return [this](const http::Request& req, http::Decision decide) { check(req, decide); };
}

void AuthGate::check(const http::Request& req, const http::Decision& decide) {
    if (auth::is_public_route(req.method, req.route)) return decide(std::nullopt);
    auto known = authenticator_.authenticate_cached(req.header("Authorization"));
    if (known && known->ok()) return decide(decide_for(req, *known));
    // Anything else may fail; a client that fails a lot is refused before it costs more.
    if (auto wait = failures_.wait_before_trying(req.remote_address))
        return decide(try_later(429, *wait, "too many failed authentications from " +
                                                req.remote_address + "; retry after " +
                                                std::to_string(wait->count()) + " s"));
    if (known) return decide(decide_for(req, *known));  // malformed or missing: refused
    if (pending_.load() >= options_.max_pending)
        return decide(try_later(503, std::chrono::seconds(1),
                                "too many API key verifications in progress; retry shortly"));
    verify_off_thread(req, decide);
}

void AuthGate::verify_off_thread(const http::Request& req, http::Decision decide) {
    ++pending_;
    auto authorization = req.header("Authorization");
    std::optional<std::string> header = authorization ? std::optional<std::string>(*authorization)
                                                      : std::nullopt;
    boost::asio::post(verifiers_, [this, req, header, decide = std::move(decide)] {
        auto who = authenticator_.authenticate(header);
        --pending_;
        // Back on the server's threads: the request goes on from where decide() is called.
        boost::asio::post(io_, [this, req, who = std::move(who), decide] {
            decide(decide_for(req, who));
        });
    });
}

std::optional<http::Response> AuthGate::decide_for(const http::Request& req,
                                                   const Result<auth::Principal>& who) {
    if (!who) {
        if (who.error().code == ErrorCode::unauthenticated)
            failures_.record_failure(req.remote_address);
        // The reason (never the secret) helps an operator see a misconfigured client or a
        // probing one; it is logged against the request id.
        logger_.log("info", "refused " + req.method + " " + req.path + ": " + who.error().message,
                    req.request_id);
        return http::error_response(who.error());
    }
    if (!auth::role_allows(who->role, req.method, req.route)) {
        return http::error_response(make_error(
            ErrorCode::denied, "API key " + who->key_id + " has role " +
                                   auth::to_string(who->role) + ", which may not " + req.method +
                                   " " + req.route +
                                   " (broker: sessions only; read-only: GET only; admin: all)"));
    }
    return std::nullopt;
}

}  // namespace tidepool::daemon
