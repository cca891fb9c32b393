#include <doctest/doctest.h>

#include <ctime>

#include "connect/connection_rules.h"
#include "test_keys.h"

using namespace tidepool;
using namespace tidepool::connect;
using namespace tidepool::connect::testing;
using model::ConnectionType;
using model::CredentialType;

namespace {

ConnectionContext context(ConnectionType type, model::PoolKind kind = model::PoolKind::server) {
    return {type, kind, "agents.example.com", static_cast<std::int64_t>(std::time(nullptr))};
}

void check_refused(const model::ConnectionSettings& s, const ConnectionContext& ctx,
                   const char* field, const char* says) {
    auto r = validate_connection(s, ctx);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == field);
    CHECK(r.error().message.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("dynamic accounts need the desktop service") {
    model::ConnectionSettings s;
    s.credential_type = CredentialType::dynamic_accounts;
    check_refused(s, context(ConnectionType::rdp), field::kCredentialType, "desktop service");
    s.desktop_service_installed = true;
    CHECK(validate_connection(s, context(ConnectionType::rdp)).ok());
}

TEST_CASE("settings that do not fit the credential or connection type are refused") {
    model::ConnectionSettings card;
    card.credential_type = CredentialType::smartcard;
    check_refused(card, context(ConnectionType::ssh), field::kCredentialType, "rdp");

    model::ConnectionSettings sso;
    sso.credential_type = CredentialType::sso_accounts;
    sso.password = "x";
    check_refused(sso, context(ConnectionType::rdp), field::kPassword, "static_credentials");

    model::ConnectionSettings domain;
    domain.sso_domain = "corp";
    check_refused(domain, context(ConnectionType::rdp), field::kSsoDomain, "sso_accounts");

    model::ConnectionSettings key_on_rdp;
    key_on_rdp.use_user_ssh_key = true;
    check_refused(key_on_rdp, context(ConnectionType::rdp), field::kUseUserSshKey, "ssh");

    model::ConnectionSettings both;
    both.use_user_ssh_key = true;
    both.private_key = "x";
    check_refused(both, context(ConnectionType::ssh), field::kPrivateKey, "not both");

    model::ConnectionSettings orphan_pass;
    orphan_pass.private_key_passphrase = "pp";
    check_refused(orphan_pass, context(ConnectionType::ssh), field::kPassphrase, "without");

    model::ConnectionSettings info;
    info.info_json = "[1,2]";
    check_refused(info, context(ConnectionType::rdp), field::kInfo, "JSON object");
}

TEST_CASE("a pasted SSH key must open with its passphrase") {
    model::ConnectionSettings s;
    s.username = "ops";
    s.private_key = make_key(KeyType::ed25519, PemForm::pkcs8, "open-me").private_pem;
    s.private_key_passphrase = "nope";
    check_refused(s, context(ConnectionType::ssh), field::kPassphrase, "does not open");
    s.private_key_passphrase = "open-me";
    CHECK(validate_connection(s, context(ConnectionType::ssh)).ok());
}

TEST_CASE("the NGINX pair belongs to agent pools and must cover the base domain") {
    auto key = make_key(KeyType::ecdsa_p256);
    model::ConnectionSettings s;
    s.nginx_cert = make_cert(key.private_pem, "*.agents.example.com");
    s.nginx_key = key.private_pem;
    check_refused(s, context(ConnectionType::kasmvnc), field::kNginxCert, "agent pools");
    CHECK(validate_connection(s, context(ConnectionType::kasmvnc, model::PoolKind::agent)).ok());
    s.nginx_key.clear();
    check_refused(s, context(ConnectionType::kasmvnc, model::PoolKind::agent), field::kNginxKey,
                  "both");
}
