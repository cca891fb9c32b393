#include "credentials.h"

#include <cstdlib>
#include <fstream>

#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>

#include "imds.h"

namespace tidepool::aws {

namespace {

constexpr int64_t kRefreshBeforeMs = 5 * 60 * 1000;

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string trim(const std::string& s) {
    size_t begin = s.find_first_not_of(" \t\r");
    size_t end = s.find_last_not_of(" \t\r");
    return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

}  // namespace

std::optional<sdk::auth::Credentials> read_shared_credentials(const std::string& path,
                                                              const std::string& profile) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    sdk::auth::Credentials keys;
    bool in_profile = false;
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            in_profile = trim(line.substr(1, line.size() - 2)) == profile;
            continue;
        }
        size_t eq = line.find('=');
        if (!in_profile || eq == std::string::npos) continue;
        std::string key = trim(line.substr(0, eq));
        std::string value = trim(line.substr(eq + 1));
        if (key == "aws_access_key_id") keys.access_key_id = value;
        if (key == "aws_secret_access_key") keys.secret_access_key = value;
        if (key == "aws_session_token") keys.session_token = value;
    }
    if (keys.access_key_id.empty() || keys.secret_access_key.empty()) return std::nullopt;
    return keys;
}

std::optional<ResolvedCredentials> CredentialChain::from_config() const {
    if (connection_.access_key_id.empty()) return std::nullopt;
    return ResolvedCredentials{{connection_.access_key_id, connection_.secret_access_key,
                                connection_.session_token},
                               "config",
                               0};
}

std::optional<ResolvedCredentials> CredentialChain::from_environment() const {
    std::string id = env("AWS_ACCESS_KEY_ID"), secret = env("AWS_SECRET_ACCESS_KEY");
    if (id.empty() || secret.empty()) return std::nullopt;
    return ResolvedCredentials{{id, secret, env("AWS_SESSION_TOKEN")}, "environment", 0};
}

std::optional<ResolvedCredentials> CredentialChain::from_shared_file() const {
    std::string path = env("AWS_SHARED_CREDENTIALS_FILE");
    if (path.empty() && !env("HOME").empty()) path = env("HOME") + "/.aws/credentials";
    std::string profile = connection_.profile;
    if (profile.empty()) profile = env("AWS_PROFILE");
    if (profile.empty()) profile = "default";
    auto keys = path.empty() ? std::nullopt : read_shared_credentials(path, profile);
    if (!keys) {
        if (!connection_.profile.empty()) {  // asked for by name: not finding it is a mistake
            throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                     "config field /profile names profile \"" + profile +
                                         "\", which has no keys in " + path,
                                     "/profile");
        }
        return std::nullopt;
    }
    return ResolvedCredentials{*keys, "profile " + profile, 0};
}

ResolvedCredentials CredentialChain::from_instance_role(const sdk::Call& call) const {
    std::string endpoint = connection_.imds_endpoint;
    if (endpoint.empty()) endpoint = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (endpoint.empty()) endpoint = "http://169.254.169.254";
    RoleCredentials role = fetch_role_credentials(endpoint, call);
    return ResolvedCredentials{role.keys, "instance role " + role.role, role.expires_unix_ms};
}

const ResolvedCredentials& CredentialChain::get(const sdk::Call& call) {
    if (current_ && (current_->expires_unix_ms == 0 ||
                     sdk::host().now_ms() < current_->expires_unix_ms - kRefreshBeforeMs)) {
        return *current_;
    }
    if (current_ && current_->expires_unix_ms != 0) {
        current_ = from_instance_role(call);  // the source is known: only refresh it
        return *current_;
    }
    current_ = from_config();
    if (!current_) current_ = from_environment();
    if (!current_) current_ = from_shared_file();
    if (!current_) current_ = from_instance_role(call);
    return *current_;
}

}  // namespace tidepool::aws
