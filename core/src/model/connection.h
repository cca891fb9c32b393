// How a user is connected to a machine of an autoscale config: the credential type and what
// each type needs. Secret members are sealed at rest and never returned by the API.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::model {

// What a stored secret reads back as. Sending it back unchanged (or omitting the member) in an
// update keeps the stored secret; any other value replaces it.
inline constexpr std::string_view kRedactedSecret = "********";

// static_credentials: the config's username/password (or a provider-retrieved password);
// dynamic_accounts: a fresh account per session, created in the guest by the desktop service;
// sso_accounts: the user's own name shaped by sso_domain; smartcard: pass-through, no secret.
enum class CredentialType { static_credentials, dynamic_accounts, sso_accounts, smartcard };

struct ConnectionSettings {
    CredentialType credential_type = CredentialType::static_credentials;
    std::string sso_domain;               // "" | "localhost" | a domain (sso_accounts)
    std::string username;                 // static_credentials
    std::string password;                 // secret; static_credentials
    bool use_user_ssh_key = false;        // ssh: connect with the user's stored key
    std::string private_key;              // secret; ssh: PEM private key
    std::string private_key_passphrase;   // secret
    std::string info_json;                // extra connection info, passed through verbatim
    bool desktop_service_installed = false;  // the in-guest service runs (dynamic accounts)
    std::string nginx_cert;               // agent pools: PEM certificate for the agent proxy
    std::string nginx_key;                // secret; its PEM key
};

}  // namespace tidepool::model
