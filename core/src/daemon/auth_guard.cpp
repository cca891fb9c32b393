#include "daemon/auth_guard.h"

#include "auth/bootstrap.h"
#include <filesystem>

#include "auth/policy.h"
#include "http/response.h"

namespace tidepool::daemon {

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

http::Guard make_auth_guard(auth::Authenticator& authenticator, Logger& logger) {
    return [&authenticator, &logger](const http::Request& req) -> std::optional<http::Response> {
        if (auth::is_public_route(req.method, req.route)) return std::nullopt;
        auto principal = authenticator.authenticate(req.header("Authorization"));
        if (!principal) {
            // The reason (never the secret) helps an operator see a misconfigured client or a
            // probing one; it is logged against the request id.
            logger.log("info", "refused " + req.method + " " + req.path + ": " +
                                   principal.error().message,
                       req.request_id);
            return http::error_response(principal.error());
        }
        if (!auth::role_allows(principal->role, req.method, req.route)) {
            return http::error_response(make_error(
                ErrorCode::denied, "API key " + principal->key_id + " has role " +
                                       auth::to_string(principal->role) + ", which may not " +
                                       req.method + " " + req.route +
                                       " (broker: sessions only; read-only: GET only; admin: all)"));
        }
        return std::nullopt;
    };
}

}  // namespace tidepool::daemon
