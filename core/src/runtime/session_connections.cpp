// Connection work that follows a session's life (issue 10): a fresh machine account per session
// for dynamic_accounts configs, single-use servers for non-reusable configs, and the connection
// descriptor handed to whoever asked for the session. Driven by the runtime's own events, so
// placement code stays unaware of credentials.
#include <openssl/rand.h>

#include "connect/connection_secrets.h"
#include "runtime/runtime.h"
#include "runtime/seal_contexts.h"
#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace {

// Windows accepts 20-character account names; this stays well inside that and sorts nowhere.
std::string new_account_name() { return "tp" + random_hex(5); }

// 20 characters drawn from each class Windows' complexity rule counts, so the account is
// accepted on machines with the default password policy.
std::string new_account_password() {
    static constexpr std::string_view kClasses[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ",
                                                    "abcdefghijkmnopqrstuvwxyz", "23456789",
                                                    "-_.+=@%"};
    unsigned char bytes[20];
    RAND_bytes(bytes, sizeof bytes);
    std::string out;
    for (size_t i = 0; i < sizeof bytes; ++i) {
        const auto& chars = kClasses[i % 4];
        out.push_back(chars[bytes[i] % chars.size()]);
    }
    return out;
}

}  // namespace

std::string Runtime::seal(const std::string& value, const std::string& context) const {
    return options_.sealer ? options_.sealer->seal(value, context) : value;
}

Result<std::string> Runtime::unseal(const std::string& value, const std::string& context) const {
    if (!options_.sealer || !secrets::Sealer::is_sealed(value)) return value;
    return options_.sealer->unseal(value, context);
}

void Runtime::watch_session_connections() {
    connection_events_ = events_.subscribe([this](const Event& e) {
        if (e.kind == EventKind::session_placed) prepare_connection(e.session_id, e.machine_id);
        if (e.kind == EventKind::session_ended) close_connection(e.session_id);
    });
}

void Runtime::prepare_connection(const model::Id& session_id, const model::Id& server_id) {
    auto server = store_.get_server(server_id);
    if (!server.ok() || server->config_id.empty()) return;  // hand-assigned: nothing to do
    auto config = store_.get_autoscale_config(server->config_id);
    if (!config.ok()) return;
    // A single-use server takes no second session: drain it now, it goes once this one ends.
    if (!config->reusable && server->state == model::MachineState::running)
        (void)set_draining(server_id, true);
    if (config->connection.credential_type != model::CredentialType::dynamic_accounts) return;
    model::SessionAccount account{session_id, server_id, new_account_name(), {},
                                  model::AccountState::pending, now()};
    account.password_sealed = seal(new_account_password(), session_account_context(session_id));
    if (auto r = store_.put_session_account(account); !r.ok())
        log("error", "cannot store the account for session " + session_id + ": " +
                         r.error().message);
}

void Runtime::close_connection(const model::Id& session_id) {
    auto account = store_.get_session_account(session_id);
    if (!account.ok() || account->state == model::AccountState::removed) return;
    account->state = model::AccountState::removing;
    account->updated_at = now();
    (void)store_.put_session_account(account.value());
}

Result<std::vector<GuestAccount>> Runtime::guest_accounts(const model::Id& server_id) {
    auto open = store_.list_open_session_accounts(server_id);
    if (!open.ok()) return open.error();
    std::vector<GuestAccount> out;
    for (const auto& a : open.value()) {
        GuestAccount g{a.session_id, a.username, {}, a.state == model::AccountState::pending};
        if (g.create) {
            auto password = unseal(a.password_sealed, session_account_context(a.session_id));
            if (!password.ok()) return password.error();
            g.password = std::move(*password);
        }
        out.push_back(std::move(g));
    }
    return out;
}

Result<void> Runtime::report_guest_account(const model::Id& server_id,
                                           const model::Id& session_id, bool created) {
    auto account = store_.get_session_account(session_id);
    if (!account.ok() || account->server_id != server_id)
        return make_error(ErrorCode::not_found,
                          "this machine has no account for session \"" + session_id + "\"");
    model::SessionAccount a = account.value();
    // Created after the session already ended: stay "removing" so the service deletes it.
    if (created && a.state != model::AccountState::pending) return {};
    a.state = created ? model::AccountState::created : model::AccountState::removed;
    a.updated_at = now();
    return store_.put_session_account(a);
}

Result<model::UserSshKey> Runtime::put_user_key(const std::string& user,
                                                const connect::KeyMaterial& key) {
    model::UserSshKey row{user, key.public_pem,
                          seal(key.private_pkcs8_pem, user_ssh_key_context(user)), key.algorithm,
                          now()};
    if (auto r = store_.put_user_ssh_key(row); !r.ok()) return r.error();
    return row;
}

}  // namespace tidepool::runtime
