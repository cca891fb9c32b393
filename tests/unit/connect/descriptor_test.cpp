#include <doctest/doctest.h>

#include "connect/descriptor.h"

using namespace tidepool;
using namespace tidepool::connect;
using model::ConnectionType;
using model::CredentialType;

namespace {

model::ConnectionSettings settings(CredentialType type) {
    model::ConnectionSettings s;
    s.credential_type = type;
    return s;
}

const MachineEndpoint kIps{"", "10.0.0.5", "203.0.113.9"};

}  // namespace

TEST_CASE("the port is the config's, else the connection type's default") {
    const std::pair<ConnectionType, int> defaults[] = {
        {ConnectionType::rdp, 3389}, {ConnectionType::vnc, 5900},
        {ConnectionType::ssh, 22}, {ConnectionType::kasmvnc, 8443}};
    for (auto [type, port] : defaults) {
        auto d = build_descriptor(settings(CredentialType::static_credentials), type, 0, kIps, {});
        REQUIRE(d.ok());
        CHECK(d->port == port);
    }
    auto custom = build_descriptor(settings(CredentialType::static_credentials),
                                   ConnectionType::rdp, 13389, kIps, {});
    CHECK(custom->port == 13389);
}

TEST_CASE("the address prefers the DNS name, then the private, then the public IP") {
    auto s = settings(CredentialType::smartcard);
    auto dns = build_descriptor(s, ConnectionType::rdp, 0, {"a1.example.com", "10.0.0.5", "1.2.3.4"}, {});
    CHECK(dns->address == "a1.example.com");
    CHECK(dns->address_source == "dns");
    auto priv = build_descriptor(s, ConnectionType::rdp, 0, kIps, {});
    CHECK(priv->address == "10.0.0.5");
    auto pub = build_descriptor(s, ConnectionType::rdp, 0, {"", "", "1.2.3.4"}, {});
    CHECK(pub->address_source == "public_ip");
    auto none = build_descriptor(s, ConnectionType::rdp, 0, {}, {});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::unavailable);
}

TEST_CASE("credentials follow the credential type") {
    SessionInputs in{"john_smith@example.com", "tp-u-7f3a", "gen-pw", "aws-pw", ""};

    auto st = settings(CredentialType::static_credentials);
    st.username = "Administrator";
    auto d = build_descriptor(st, ConnectionType::rdp, 0, kIps, in);
    CHECK(d->credentials->username == "Administrator");
    CHECK(d->credentials->password == "aws-pw");  // blank config password: the provider's
    st.password = "configured";
    CHECK(build_descriptor(st, ConnectionType::rdp, 0, kIps, in)->credentials->password ==
          "configured");

    auto dyn = build_descriptor(settings(CredentialType::dynamic_accounts), ConnectionType::rdp,
                                0, kIps, in);
    CHECK(dyn->credentials->username == "tp-u-7f3a");
    CHECK(dyn->credentials->password == "gen-pw");
    auto pending = build_descriptor(settings(CredentialType::dynamic_accounts),
                                    ConnectionType::rdp, 0, kIps, {"bob", "", "", "", ""});
    CHECK(pending.error().code == ErrorCode::unavailable);

    auto sso = settings(CredentialType::sso_accounts);
    sso.sso_domain = "localhost";
    auto s = build_descriptor(sso, ConnectionType::rdp, 0, kIps, in);
    CHECK(s->credentials->username == "john_smith");
    CHECK(s->credentials->password.empty());

    auto card = build_descriptor(settings(CredentialType::smartcard), ConnectionType::rdp, 0,
                                 kIps, in);
    CHECK(card->smartcard_required);
    CHECK_FALSE(card->credentials.has_value());
}

TEST_CASE("SSH carries the configured key or the user's own") {
    auto st = settings(CredentialType::static_credentials);
    st.username = "ops";
    st.private_key = "PEM";
    st.private_key_passphrase = "pp";
    auto d = build_descriptor(st, ConnectionType::ssh, 0, kIps, {});
    CHECK(d->credentials->private_key == "PEM");
    CHECK(d->credentials->private_key_passphrase == "pp");

    auto sso = settings(CredentialType::sso_accounts);
    sso.use_user_ssh_key = true;
    auto own = build_descriptor(sso, ConnectionType::ssh, 0, kIps,
                                {"alice@example.com", "", "", "", "USERPEM"});
    CHECK(own->credentials->username == "alice@example.com");
    CHECK(own->credentials->private_key == "USERPEM");
    auto missing = build_descriptor(sso, ConnectionType::ssh, 0, kIps, {"alice", "", "", "", ""});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("no SSH key") != std::string::npos);
}

TEST_CASE("a descriptor for a caller without the broker role carries no credentials") {
    auto st = settings(CredentialType::static_credentials);
    st.username = "u";
    st.password = "p";
    auto d = build_descriptor(st, ConnectionType::rdp, 0, kIps, {});
    auto redacted = without_credentials(*d);
    CHECK_FALSE(redacted.credentials.has_value());
    CHECK(redacted.address == d->address);
    CHECK(redacted.port == d->port);
}
