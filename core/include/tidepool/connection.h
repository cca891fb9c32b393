// How the host connects a user to the machine a session was placed on (issue 10's connection
// descriptor, as the embedding API hands it out). The host is trusted: credentials included.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tidepool/export.h"

namespace tidepool {

enum class ConnectionType { kasmvnc, rdp, vnc, ssh };
enum class CredentialType { static_credentials, dynamic_accounts, sso_accounts, smartcard };

struct Credentials {
    std::string username;
    std::string password;                // empty for key-based SSH
    std::string private_key;             // PEM, SSH configs with a key
    std::string private_key_passphrase;  // opens private_key; empty when it is not encrypted
};

struct Connection {
    std::string address;         // DNS name, else private IP, else public IP
    std::string address_source;  // "dns", "private_ip" or "public_ip"
    ConnectionType type = ConnectionType::rdp;
    int port = 0;                // the config's port, else the type's default
    std::string info_json;       // the config's connection info, verbatim ("" when none)
    CredentialType credential_type = CredentialType::static_credentials;
    bool smartcard_required = false;  // the client must pass the user's smartcard through
    std::optional<Credentials> credentials;  // absent for smartcard sessions
};

// Wire names, as in the REST API and the config bundle ("rdp", "sso_accounts", ...).
TIDEPOOL_API std::string_view to_string(ConnectionType type);
TIDEPOOL_API std::string_view to_string(CredentialType type);

}  // namespace tidepool
