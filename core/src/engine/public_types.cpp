#include "engine/public_types.h"

namespace tidepool {

// Wire names: the same strings the REST API and config bundles use.
std::string_view to_string(ConnectionType type) {
    switch (type) {
        case ConnectionType::kasmvnc: return "kasmvnc";
        case ConnectionType::rdp: return "rdp";
        case ConnectionType::vnc: return "vnc";
        case ConnectionType::ssh: return "ssh";
    }
    return "rdp";
}

std::string_view to_string(CredentialType type) {
    switch (type) {
        case CredentialType::static_credentials: return "static_credentials";
        case CredentialType::dynamic_accounts: return "dynamic_accounts";
        case CredentialType::sso_accounts: return "sso_accounts";
        case CredentialType::smartcard: return "smartcard";
    }
    return "static_credentials";
}

std::string_view to_string(SessionKind kind) {
    return kind == SessionKind::app ? "app" : "desktop";
}

std::string_view to_string(SessionState state) {
    switch (state) {
        case SessionState::queued: return "queued";
        case SessionState::placed: return "placed";
        case SessionState::ended: return "ended";
        case SessionState::failed: return "failed";
        case SessionState::cancelled: return "cancelled";
        case SessionState::staged: return "staged";
    }
    return "queued";
}

std::string_view to_string(EngineEventKind kind) {
    return runtime::to_string(static_cast<runtime::EventKind>(kind));
}

namespace engine {
namespace {

// The public enums are declared in the model's order; these catch a reordering at compile time.
static_assert(static_cast<int>(ConnectionType::ssh) == static_cast<int>(model::ConnectionType::ssh));
static_assert(static_cast<int>(CredentialType::smartcard) ==
              static_cast<int>(model::CredentialType::smartcard));
static_assert(static_cast<int>(SessionState::staged) ==
              static_cast<int>(model::SessionState::staged));
static_assert(static_cast<int>(EngineEventKind::decision) ==
              static_cast<int>(runtime::EventKind::decision));
static_assert(static_cast<int>(EngineEventKind::session_placed) ==
              static_cast<int>(runtime::EventKind::session_placed));
static_assert(static_cast<int>(EngineEventKind::machine_removed) ==
              static_cast<int>(runtime::EventKind::machine_removed));

}  // namespace

Connection to_public(const connect::ConnectionDescriptor& d) {
    Connection c;
    c.address = d.address;
    c.address_source = d.address_source;
    c.type = static_cast<ConnectionType>(d.type);
    c.port = d.port;
    c.info_json = d.info_json;
    c.credential_type = static_cast<CredentialType>(d.credential_type);
    c.smartcard_required = d.smartcard_required;
    if (d.credentials)
        c.credentials = Credentials{d.credentials->username, d.credentials->password,
                                    d.credentials->private_key,
                                    d.credentials->private_key_passphrase};
    return c;
}

SessionOutcome to_public(const runtime::SessionView& view) {
    SessionOutcome o;
    o.id = view.session.id;
    o.state = static_cast<SessionState>(view.session.state);
    o.machine = view.session.server_id;
    o.queue_position = view.queue_position;
    o.eta_s = view.eta_s;
    o.failure_reason = view.session.failure_reason;
    return o;
}

EngineEvent to_public(const runtime::Event& e) {
    EngineEvent out;
    out.kind = static_cast<EngineEventKind>(e.kind);
    out.seq = e.seq;
    out.time = std::chrono::system_clock::time_point(e.at.time_since_epoch());
    out.pool = e.pool_id;
    out.session = e.session_id;
    out.machine = e.machine_id;
    out.position = e.queue_position;
    out.eta_s = e.eta_s;
    out.message = e.message;
    return out;
}

model::SessionKind to_model(SessionKind kind) {
    return kind == SessionKind::app ? model::SessionKind::app : model::SessionKind::desktop;
}

}  // namespace engine
}  // namespace tidepool
