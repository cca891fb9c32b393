// Which requests need a key and which role may make them. Pure functions over the method and
// the matched route pattern (never the raw path, so "/api/v1/sessions/../pools" cannot pass as
// a sessions route), table-tested in tests/unit/auth.
//
// Deny by default: a route nobody listed here needs an admin key, so a route added later is
// never accidentally public or open to the wrong role.
#pragma once

#include <string_view>

#include "auth/role.h"

namespace tidepool::auth {

// /healthz and /readyz (probes), POST /api/set_server_status (a new server's check-in, which
// carries its own short-lived per-server token instead of an API key) and /api/guest/…
// (the in-guest service, authenticated by the machine's service token in its handlers).
bool is_public_route(std::string_view method, std::string_view route);

// Whether `role` may call `method` on `route` (a Router pattern such as
// "/api/v1/sessions/{id}"). An empty route (no such endpoint) is allowed for any role so the
// caller gets an honest 404/405 once authenticated.
bool role_allows(Role role, std::string_view method, std::string_view route);

}  // namespace tidepool::auth
