// Where the plugin's AWS credentials come from, in the standard order every AWS SDK uses:
//   1. static keys in the config (access_key_id + secret_access_key [+ session_token]);
//   2. the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY [, AWS_SESSION_TOKEN]);
//   3. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials), profile
//      from the config, else AWS_PROFILE, else "default";
//   4. the EC2 instance role through IMDSv2 (PUT a session token, then GET the role's keys),
//      refreshed five minutes before they expire.
// The first source that yields keys wins and is remembered; only IMDS keys are re-fetched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <tidepool/sdk/auth/sigv4.h>
#include <tidepool/sdk/call.hpp>

#include "aws_config.h"

namespace tidepool::aws {

struct ResolvedCredentials {
    sdk::auth::Credentials keys;
    std::string source;          // "config", "environment", "profile <name>", "instance role <r>"
    int64_t expires_unix_ms = 0; // 0 = long-term keys
};

// Reads one profile of an INI credentials file; std::nullopt when the file or profile lacks
// keys. Exposed for tests.
std::optional<sdk::auth::Credentials> read_shared_credentials(const std::string& path,
                                                              const std::string& profile);

class CredentialChain {
public:
    explicit CredentialChain(Connection connection) : connection_(std::move(connection)) {}

    // Current keys, resolving the chain on first use and refreshing expiring role keys.
    // Throws ProviderError(TP_ERR_DENIED) when no source has credentials.
    const ResolvedCredentials& get(const sdk::Call& call);

private:
    std::optional<ResolvedCredentials> from_config() const;
    std::optional<ResolvedCredentials> from_environment() const;
    std::optional<ResolvedCredentials> from_shared_file() const;
    ResolvedCredentials from_instance_role(const sdk::Call& call) const;

    Connection connection_;
    std::optional<ResolvedCredentials> current_;
};

}  // namespace tidepool::aws
