// The REST API's authentication and authorisation, as one Router guard: every request but the
// public ones (auth/policy.h) must carry a valid API key whose role allows the route.
// 401 (with WWW-Authenticate: Bearer) when the key is missing or bad, 403 when its role does
// not allow the call; both in the API's error shape.
#pragma once

#include <memory>
#include <string>

#include "auth/authenticator.h"
#include "daemon/logging.h"
#include "http/router.h"

namespace tidepool::daemon {

// The authenticator over the store, with the bootstrap admin key made on first start
// (<data dir>/admin-api-key, 0600; only its path is logged).
Result<std::unique_ptr<auth::Authenticator>> open_authenticator(store::Store& store,
                                                               const std::string& data_dir,
                                                               Logger& logger);

http::Guard make_auth_guard(auth::Authenticator& authenticator, Logger& logger);

}  // namespace tidepool::daemon
