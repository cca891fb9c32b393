// The connection descriptor: everything a host service needs to connect a user to the machine
// a session was placed on. Built purely from the config's settings, the machine's addresses and
// the session's user; credentials are attached only for callers allowed to see them.
#pragma once

#include <optional>
#include <string>

#include "model/connection.h"
#include "model/objects.h"
#include "tidepool/result.h"

namespace tidepool::connect {

// The addresses a machine is known by; any may be empty.
struct MachineEndpoint {
    std::string dns_name;    // registered name (<id>.<base domain>), preferred when present
    std::string private_ip;  // preferred over the public address: brokers usually sit inside
    std::string public_ip;
};

// Per-session inputs that do not live on the config.
struct SessionInputs {
    std::string user;                 // the requesting user's name
    std::string dynamic_username;     // dynamic_accounts: the account made for this session
    std::string dynamic_password;
    std::string provider_password;    // e.g. an AWS Windows password retrieved at boot
    std::string user_ssh_private_key; // the user's stored key (use_user_ssh_key)
};

struct Credentials {
    std::string username;
    std::string password;
    std::string private_key;
    std::string private_key_passphrase;
};

struct ConnectionDescriptor {
    std::string address;
    std::string address_source;  // "dns", "private_ip" or "public_ip"
    model::ConnectionType type = model::ConnectionType::rdp;
    int port = 0;
    std::string info_json;  // the config's extra connection info, verbatim ("" when none)
    model::CredentialType credential_type = model::CredentialType::static_credentials;
    bool smartcard_required = false;  // the client must pass the user's smartcard through
    // Absent for smartcard sessions and for callers without the broker or admin role.
    std::optional<Credentials> credentials;
};

// The port a connection type listens on unless the config says otherwise.
int default_port(model::ConnectionType type);

// Fails (not_found / unavailable) when a needed input is missing: no address yet, a dynamic
// account the in-guest service has not created yet, a user without a stored SSH key.
Result<ConnectionDescriptor> build_descriptor(const model::ConnectionSettings& settings,
                                              model::ConnectionType type, int configured_port,
                                              const MachineEndpoint& endpoint,
                                              const SessionInputs& session);

// The same descriptor for a caller without the broker or admin role.
ConnectionDescriptor without_credentials(ConnectionDescriptor descriptor);

}  // namespace tidepool::connect
