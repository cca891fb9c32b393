// The connection descriptor of a placed session (issue 10): where to connect, how, and with
// which credentials, assembled from the session, its machine and its config at the moment a
// caller asks, so a rotated password or a re-registered name is always current.
#include "connect/descriptor.h"
#include "model/enums.h"
#include "runtime/runtime.h"
#include "runtime/seal_contexts.h"

namespace tidepool::runtime {

namespace {

connect::MachineEndpoint endpoint_of(const model::Server& server,
                                     const model::AutoScaleConfig& config) {
    connect::MachineEndpoint e;
    if (config.register_dns && !config.base_domain.empty())
        e.dns_name = server.id + "." + config.base_domain;
    e.private_ip = server.address;
    return e;
}

}  // namespace

Result<connect::SessionInputs> Runtime::session_inputs(const model::Session& session,
                                                       const model::AutoScaleConfig& config) {
    connect::SessionInputs in;
    in.user = session.user;
    const auto& c = config.connection;
    if (c.credential_type == model::CredentialType::dynamic_accounts) {
        auto account = store_.get_session_account(session.id);
        if (account.ok() && account->state == model::AccountState::created) {
            auto password = unseal(account->password_sealed, session_account_context(session.id));
            if (!password.ok()) return password.error();
            in.dynamic_username = account->username;
            in.dynamic_password = std::move(*password);
        }
    }
    // A blank configured password defers to the one the provider generated (AWS Windows).
    if (c.credential_type == model::CredentialType::static_credentials && c.password.empty()) {
        auto stored = store_.get_machine_credential(session.server_id);
        if (stored.ok() && stored.value() && stored.value()->kind == "password") {
            auto password = unseal(stored.value()->sealed_secret,
                                   machine_credential_context(session.server_id));
            if (!password.ok()) return password.error();
            in.provider_password = std::move(*password);
        }
    }
    if (c.use_user_ssh_key) {
        auto key = store_.get_user_ssh_key(session.user);
        if (key.ok()) {
            auto pem = unseal(key->private_key_sealed, user_ssh_key_context(session.user));
            if (!pem.ok()) return pem.error();
            in.user_ssh_private_key = std::move(*pem);
        }
    }
    return in;
}

Result<connect::ConnectionDescriptor> Runtime::connection_for(const model::Id& session_id,
                                                              bool with_credentials) {
    auto session = store_.get_session(session_id);
    if (!session.ok()) return session.error();
    if (session->state != model::SessionState::placed || session->server_id.empty())
        return make_error(ErrorCode::conflict,
                          "session \"" + session_id + "\" is " +
                              model::to_string(session->state) + ", not placed on a machine");
    auto server = store_.get_server(session->server_id);
    if (!server.ok()) return server.error();
    if (server->config_id.empty())
        return make_error(ErrorCode::not_found,
                          "server \"" + server->id +
                              "\" was assigned by hand; no autoscale config says how to "
                              "connect to it");
    auto config = store_.get_autoscale_config(server->config_id);
    if (!config.ok()) return config.error();
    auto settings = clear_connection(config.value());
    if (!settings.ok()) return settings.error();
    auto inputs = session_inputs(session.value(), config.value());
    if (!inputs.ok()) return inputs.error();
    auto d = connect::build_descriptor(settings.value(), config->connection_type,
                                       config->connection_port,
                                       endpoint_of(server.value(), config.value()),
                                       inputs.value());
    if (!d.ok() || with_credentials) return d;
    return connect::without_credentials(std::move(d.value()));
}

}  // namespace tidepool::runtime
