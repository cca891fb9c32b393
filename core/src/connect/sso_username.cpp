#include "connect/sso_username.h"

namespace tidepool::connect {

namespace {

std::string_view local_part(std::string_view user) {
    const auto at = user.rfind('@');
    return at == std::string_view::npos ? user : user.substr(0, at);
}

}  // namespace

std::string sso_username(std::string_view user, std::string_view sso_domain) {
    if (sso_domain.empty()) return std::string(user);
    if (sso_domain == kSsoLocalDomain) return std::string(local_part(user));
    std::string shaped(local_part(user));
    shaped += '@';
    shaped += sso_domain;
    return shaped;
}

}  // namespace tidepool::connect
