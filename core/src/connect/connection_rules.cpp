#include "connect/connection_rules.h"

#include <rapidjson/document.h>

#include "connect/cert_pair_check.h"
#include "connect/private_key_check.h"

namespace tidepool::connect {

using model::ConnectionType;
using model::CredentialType;

namespace {

Error invalid(std::string message, const char* field) {
    return make_error(ErrorCode::invalid, std::move(message), field);
}

Result<void> check_credential_type(const model::ConnectionSettings& s,
                                   const ConnectionContext& ctx) {
    const bool is_static = s.credential_type == CredentialType::static_credentials;
    if (s.credential_type == CredentialType::dynamic_accounts && !s.desktop_service_installed)
        return invalid("dynamic user accounts are created in the guest by the desktop service; "
                       "set /desktop_service_installed to true or pick another credential type",
                       field::kCredentialType);
    if (s.credential_type == CredentialType::smartcard && ctx.type != ConnectionType::rdp)
        return invalid("smartcard pass-through needs the rdp connection type",
                       field::kCredentialType);
    if (!is_static && (!s.username.empty() || !s.password.empty()))
        return invalid("a connection username or password applies only to static_credentials; "
                       "clear it or change the credential type",
                       s.username.empty() ? field::kPassword : field::kUsername);
    if (s.credential_type != CredentialType::sso_accounts && !s.sso_domain.empty())
        return invalid("sso_domain applies only to sso_accounts; clear it or change the "
                       "credential type",
                       field::kSsoDomain);
    return {};
}

Result<void> check_ssh(const model::ConnectionSettings& s, const ConnectionContext& ctx) {
    const bool any_key = s.use_user_ssh_key || !s.private_key.empty() ||
                         !s.private_key_passphrase.empty();
    if (!any_key) return {};
    const char* at = s.use_user_ssh_key ? field::kUseUserSshKey
                     : s.private_key.empty() ? field::kPassphrase
                                             : field::kPrivateKey;
    if (ctx.type != ConnectionType::ssh)
        return invalid("SSH keys apply only to the ssh connection type", at);
    if (s.use_user_ssh_key && !s.private_key.empty())
        return invalid("choose either the user's own SSH key or a configured private key, not "
                       "both",
                       field::kPrivateKey);
    if (s.private_key.empty() && !s.private_key_passphrase.empty())
        return invalid("a passphrase was given without a private key", field::kPassphrase);
    if (s.private_key.empty()) return {};
    auto key = check_private_key(s.private_key, s.private_key_passphrase,
                                 {field::kPrivateKey, field::kPassphrase});
    if (!key) return key.error();
    return {};
}

Result<void> check_info(const model::ConnectionSettings& s) {
    if (s.info_json.empty()) return {};
    rapidjson::Document doc;
    doc.Parse(s.info_json.c_str(), s.info_json.size());
    if (doc.HasParseError() || !doc.IsObject())
        return invalid("connection info must be a JSON object", field::kInfo);
    return {};
}

Result<void> check_nginx(const model::ConnectionSettings& s, const ConnectionContext& ctx) {
    if (s.nginx_cert.empty() && s.nginx_key.empty()) return {};
    if (ctx.pool_kind != model::PoolKind::agent)
        return invalid("an NGINX certificate applies only to agent pools",
                       s.nginx_cert.empty() ? field::kNginxKey : field::kNginxCert);
    if (s.nginx_cert.empty() || s.nginx_key.empty())
        return invalid("give both the NGINX certificate and its key",
                       s.nginx_cert.empty() ? field::kNginxCert : field::kNginxKey);
    auto info = check_cert_pair(s.nginx_cert, s.nginx_key, ctx.base_domain, ctx.now_unix,
                                {field::kNginxCert, field::kNginxKey});
    if (!info) return info.error();
    return {};
}

}  // namespace

Result<void> validate_connection(const model::ConnectionSettings& settings,
                                 const ConnectionContext& context) {
    if (auto r = check_credential_type(settings, context); !r) return r;
    if (auto r = check_ssh(settings, context); !r) return r;
    if (auto r = check_info(settings); !r) return r;
    return check_nginx(settings, context);
}

}  // namespace tidepool::connect
