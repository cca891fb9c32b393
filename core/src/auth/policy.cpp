#include "auth/policy.h"

namespace tidepool::auth {
namespace {

constexpr std::string_view kSessions = "/api/v1/sessions";
constexpr std::string_view kKeys = "/api/v1/keys";

// "/api/v1/sessions" itself or anything below it, but not "/api/v1/sessionsX".
bool at_or_under(std::string_view route, std::string_view base) {
    return route == base || (route.starts_with(base) && route.size() > base.size() &&
                             route[base.size()] == '/');
}

bool is_read(std::string_view method) { return method == "GET" || method == "HEAD"; }

}  // namespace

bool is_public_route(std::string_view method, std::string_view route) {
    if (is_read(method) && (route == "/healthz" || route == "/readyz")) return true;
    // Machine-facing routes: each handler checks the calling machine's own token instead.
    if (at_or_under(route, "/api/guest")) return true;
    return method == "POST" && route == "/api/set_server_status";
}

bool role_allows(Role role, std::string_view method, std::string_view route) {
    if (route.empty()) return true;
    switch (role) {
        case Role::admin: return true;
        case Role::broker: return at_or_under(route, kSessions);
        case Role::read_only: return is_read(method) && !at_or_under(route, kKeys);
    }
    return false;
}

}  // namespace tidepool::auth
