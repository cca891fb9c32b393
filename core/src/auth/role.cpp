#include "auth/role.h"

namespace tidepool::auth {

const char* to_string(Role role) {
    switch (role) {
        case Role::admin: return "admin";
        case Role::broker: return "broker";
        case Role::read_only: return "read-only";
    }
    return "read-only";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : {Role::admin, Role::broker, Role::read_only}) {
        if (text == to_string(r)) return r;
    }
    return std::nullopt;
}

}  // namespace tidepool::auth
