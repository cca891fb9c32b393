#include "connect/descriptor.h"

#include "connect/sso_username.h"

namespace tidepool::connect {

using model::ConnectionType;
using model::CredentialType;

int default_port(ConnectionType type) {
    switch (type) {
        case ConnectionType::kasmvnc: return 8443;  // KasmVNC's own HTTPS/websocket default
        case ConnectionType::rdp: return 3389;
        case ConnectionType::vnc: return 5900;
        case ConnectionType::ssh: return 22;
    }
    return 0;
}

namespace {

Result<std::pair<std::string, std::string>> pick_address(const MachineEndpoint& e) {
    if (!e.dns_name.empty()) return std::pair{e.dns_name, std::string("dns")};
    if (!e.private_ip.empty()) return std::pair{e.private_ip, std::string("private_ip")};
    if (!e.public_ip.empty()) return std::pair{e.public_ip, std::string("public_ip")};
    return make_error(ErrorCode::unavailable, "the machine has no address yet");
}

// SSH may carry a key instead of (or besides) a password.
Result<void> add_ssh_key(const model::ConnectionSettings& s, const SessionInputs& in,
                         Credentials& out) {
    if (s.use_user_ssh_key) {
        if (in.user_ssh_private_key.empty())
            return make_error(ErrorCode::not_found,
                              "user '" + in.user +
                                  "' has no SSH key stored; add one with `tidepool user-keys "
                                  "set USER --private-key-file FILE`");
        out.private_key = in.user_ssh_private_key;
        return {};
    }
    out.private_key = s.private_key;
    out.private_key_passphrase = s.private_key_passphrase;
    return {};
}

Result<Credentials> static_credentials(const model::ConnectionSettings& s,
                                       const SessionInputs& in) {
    Credentials c{s.username, s.password, {}, {}};
    // A blank configured password defers to one the provider generated (AWS Windows).
    if (c.password.empty()) c.password = in.provider_password;
    return c;
}

Result<Credentials> dynamic_credentials(const SessionInputs& in) {
    if (in.dynamic_username.empty())
        return make_error(ErrorCode::unavailable,
                          "the session's account has not been created on the machine yet");
    return Credentials{in.dynamic_username, in.dynamic_password, {}, {}};
}

Result<Credentials> credentials_for(const model::ConnectionSettings& s, ConnectionType type,
                                    const SessionInputs& in) {
    Result<Credentials> c = Credentials{};
    switch (s.credential_type) {
        case CredentialType::static_credentials: c = static_credentials(s, in); break;
        case CredentialType::dynamic_accounts: c = dynamic_credentials(in); break;
        case CredentialType::sso_accounts:
            c = Credentials{sso_username(in.user, s.sso_domain), {}, {}, {}};
            break;
        case CredentialType::smartcard: return Credentials{};  // dropped by the caller
    }
    if (!c || type != ConnectionType::ssh) return c;
    if (auto r = add_ssh_key(s, in, *c); !r) return r.error();
    return c;
}

}  // namespace

Result<ConnectionDescriptor> build_descriptor(const model::ConnectionSettings& settings,
                                              ConnectionType type, int configured_port,
                                              const MachineEndpoint& endpoint,
                                              const SessionInputs& session) {
    auto address = pick_address(endpoint);
    if (!address) return address.error();
    auto credentials = credentials_for(settings, type, session);
    if (!credentials) return credentials.error();
    ConnectionDescriptor d;
    d.address = address->first;
    d.address_source = address->second;
    d.type = type;
    d.port = configured_port > 0 ? configured_port : default_port(type);
    d.info_json = settings.info_json;
    d.credential_type = settings.credential_type;
    d.smartcard_required = settings.credential_type == CredentialType::smartcard;
    if (!d.smartcard_required) d.credentials = std::move(*credentials);
    return d;
}

ConnectionDescriptor without_credentials(ConnectionDescriptor descriptor) {
    descriptor.credentials.reset();
    return descriptor;
}

}  // namespace tidepool::connect
