// The name an SSO user is logged on to a machine with, shaped by the config's SSO domain.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::connect {

// The domain value that means "drop the user's domain part".
inline constexpr std::string_view kSsoLocalDomain = "localhost";

// sso_domain blank        → the user name exactly as given ("john_smith@example.com");
// sso_domain "localhost"  → the local part only ("john_smith");
// any other domain "corp" → the local part qualified with it ("john_smith@corp").
// The local part is everything before the last '@' (a name without '@' is all local part).
std::string sso_username(std::string_view user, std::string_view sso_domain);

}  // namespace tidepool::connect
