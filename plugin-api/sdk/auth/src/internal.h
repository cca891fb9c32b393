// Pieces shared by canonical.cpp and sigv4.cpp; not part of the SDK's public headers.
#pragma once

#include <string>
#include <string_view>

#include "tidepool/sdk/auth/sigv4.h"

namespace tidepool::sdk::auth::detail {

// ASCII-only case-insensitive comparison: HTTP header names are ASCII tokens.
bool iequals(std::string_view a, std::string_view b);

// params.payload_hash if set, else the hex SHA-256 of the body.
std::string payload_hash(const HttpRequest& request, const SigningParams& params);

}  // namespace tidepool::sdk::auth::detail
