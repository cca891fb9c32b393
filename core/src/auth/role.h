// The roles an API key can have. Kept deliberately coarse: an operator can tell at a glance
// what a leaked key could do.
#pragma once

#include <optional>
#include <string_view>

namespace tidepool::auth {

enum class Role {
    admin,      // everything, including key management
    broker,     // the sessions routes only (request, show, list, release)
    read_only,  // GET on everything but key management
};

const char* to_string(Role role);  // "admin", "broker", "read-only"
std::optional<Role> parse_role(std::string_view text);

}  // namespace tidepool::auth
