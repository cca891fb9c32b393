// IMDSv2, the EC2 instance metadata service: a PUT for a session token, then the instance
// role's temporary keys. Only reached when no other credential source has keys.
#pragma once

#include <cstdint>
#include <string>

#include <tidepool/sdk/auth/sigv4.h>
#include <tidepool/sdk/call.hpp>

namespace tidepool::aws {

struct RoleCredentials {
    std::string role;
    sdk::auth::Credentials keys;
    int64_t expires_unix_ms = 0;
};

// Throws ProviderError(TP_ERR_DENIED) when the endpoint is unreachable or has no role: by then
// every other source came up empty, so the message lists them all.
RoleCredentials fetch_role_credentials(const std::string& endpoint, const sdk::Call& call);

}  // namespace tidepool::aws
