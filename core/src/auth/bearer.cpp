#include "auth/bearer.h"

#include <algorithm>
#include <cctype>

#include "auth/key_hash.h"

namespace tidepool::auth {
namespace {

constexpr std::string_view kIdPrefix = "key-";
constexpr std::size_t kIdHexDigits = 16;
constexpr std::size_t kSecretHexDigits = 64;

Error refused(std::string message) {
    return make_error(ErrorCode::unauthenticated, std::move(message));
}

bool is_lower_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

Credentials new_credentials() {
    return Credentials{std::string(kIdPrefix) + random_hex(kIdHexDigits / 2),
                       random_hex(kSecretHexDigits / 2)};
}

std::string format_token(const Credentials& c) { return c.key_id + "." + c.secret; }

Result<Credentials> parse_token(std::string_view token) {
    token = trim(token);
    const auto dot = token.find('.');
    const std::string_view id = token.substr(0, dot);
    if (dot == std::string_view::npos || !id.starts_with(kIdPrefix) ||
        id.size() != kIdPrefix.size() + kIdHexDigits || !is_lower_hex(id.substr(kIdPrefix.size()))) {
        return refused("malformed API key: expected \"key-<16 hex digits>.<64 hex digits>\" "
                       "as printed by `tidepool key create`");
    }
    const std::string_view secret = token.substr(dot + 1);
    if (secret.size() != kSecretHexDigits || !is_lower_hex(secret)) {
        return refused("malformed secret for API key " + std::string(id) +
                       ": expected 64 lowercase hex digits after the \".\"");
    }
    return Credentials{std::string(id), std::string(secret)};
}

Result<Credentials> parse_authorization(std::optional<std::string_view> header) {
    if (!header) {
        return refused("this endpoint needs an API key: send \"Authorization: Bearer "
                       "<key id>.<secret>\" (the CLI reads --api-key-file, $TIDEPOOL_API_KEY "
                       "or ./data/admin-api-key)");
    }
    const std::string_view value = trim(*header);
    constexpr std::string_view kScheme = "bearer ";
    std::string scheme(value.substr(0, kScheme.size()));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != kScheme) {
        return refused("the Authorization header must use the Bearer scheme: "
                       "\"Authorization: Bearer <key id>.<secret>\"");
    }
    return parse_token(value.substr(kScheme.size()));
}

}  // namespace tidepool::auth
