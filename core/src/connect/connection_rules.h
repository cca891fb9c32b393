// The save-time rules for an autoscale config's connection settings: which combinations make
// sense for the connection type and pool kind, and whether keys and certificates really open.
#pragma once

#include <cstdint>
#include <string>

#include "model/connection.h"
#include "model/objects.h"
#include "tidepool/result.h"

namespace tidepool::connect {

struct ConnectionContext {
    model::ConnectionType type = model::ConnectionType::rdp;
    model::PoolKind pool_kind = model::PoolKind::server;
    std::string base_domain;  // agent configs: the domain agents register under
    std::int64_t now_unix = 0;
};

// The JSON member names of model::ConnectionSettings on an autoscale config.
namespace field {
inline constexpr const char* kCredentialType = "/connection_credential_type";
inline constexpr const char* kSsoDomain = "/sso_domain";
inline constexpr const char* kUsername = "/connection_username";
inline constexpr const char* kPassword = "/connection_password";
inline constexpr const char* kUseUserSshKey = "/use_user_ssh_key";
inline constexpr const char* kPrivateKey = "/connection_private_key";
inline constexpr const char* kPassphrase = "/connection_private_key_passphrase";
inline constexpr const char* kInfo = "/connection_info";
inline constexpr const char* kDesktopService = "/desktop_service_installed";
inline constexpr const char* kNginxCert = "/nginx_cert";
inline constexpr const char* kNginxKey = "/nginx_key";
}  // namespace field

// The first rule broken, naming its field (a JSON pointer relative to the config) and the fix.
Result<void> validate_connection(const model::ConnectionSettings& settings,
                                 const ConnectionContext& context);

}  // namespace tidepool::connect
