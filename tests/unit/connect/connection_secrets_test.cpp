#include <doctest/doctest.h>

#include "connect/connection_secrets.h"
#include "model/connection_codec.h"

using namespace tidepool;
using namespace tidepool::connect;

namespace {

secrets::Sealer test_sealer(std::uint8_t fill) {
    secrets::SealKey key{};
    key.fill(fill);
    return secrets::Sealer(key);
}

model::ConnectionSettings with_secrets() {
    model::ConnectionSettings s;
    s.username = "ops";
    s.password = "hunter2";
    s.private_key = "-----BEGIN PRIVATE KEY-----";
    s.private_key_passphrase = "pp";
    s.nginx_key = "nginx-secret";
    return s;
}

}  // namespace

TEST_CASE("connection secrets are sealed in place and open only for their config") {
    auto sealer = test_sealer(7);
    auto s = with_secrets();
    seal_connection_secrets(s, sealer, "cfg-a");
    for (const auto* v : {&s.password, &s.private_key, &s.private_key_passphrase, &s.nginx_key})
        CHECK(secrets::Sealer::is_sealed(*v));
    CHECK(s.username == "ops");  // not a secret
    const auto once = s.password;
    seal_connection_secrets(s, sealer, "cfg-a");  // idempotent: no double sealing
    CHECK(s.password == once);

    auto clear = unseal_connection_secrets(s, sealer, "cfg-a");
    REQUIRE(clear.ok());
    CHECK(clear->password == "hunter2");
    CHECK(clear->nginx_key == "nginx-secret");

    // Moved to another config, or read with another key file: refused, never garbage.
    CHECK_FALSE(unseal_connection_secrets(s, sealer, "cfg-b").ok());
    CHECK_FALSE(unseal_connection_secrets(s, test_sealer(8), "cfg-a").ok());
}

TEST_CASE("sending back the redaction mark keeps the stored secret") {
    auto stored = with_secrets();
    model::ConnectionSettings incoming;
    incoming.password = std::string(model::kRedactedSecret);
    incoming.private_key = "new key";
    keep_unchanged_secrets(incoming, stored);
    CHECK(incoming.password == "hunter2");
    CHECK(incoming.private_key == "new key");
    CHECK(incoming.nginx_key.empty());  // omitted means cleared only in the incoming object
}

TEST_CASE("the storage form round-trips every member") {
    auto s = with_secrets();
    s.credential_type = model::CredentialType::sso_accounts;
    s.sso_domain = "corp";
    s.use_user_ssh_key = true;
    s.info_json = R"({"a":1})";
    s.desktop_service_installed = true;
    s.nginx_cert = "CERT";
    auto back = model::connection_from_storage_json(model::connection_to_storage_json(s));
    REQUIRE(back.ok());
    CHECK(back->credential_type == model::CredentialType::sso_accounts);
    CHECK(back->sso_domain == "corp");
    CHECK(back->password == "hunter2");
    CHECK(back->use_user_ssh_key);
    CHECK(back->info_json == R"({"a":1})");
    CHECK(back->desktop_service_installed);
    CHECK(back->nginx_cert == "CERT");
    CHECK(model::connection_from_storage_json("").ok());
    CHECK_FALSE(model::connection_from_storage_json("{\"credential_type\":\"bogus\"}").ok());
}

TEST_CASE("a redaction mark with nothing stored behind it is named") {
    model::ConnectionSettings s;
    CHECK(unresolved_redaction(s) == nullptr);
    s.nginx_key = std::string(model::kRedactedSecret);
    CHECK(std::string(unresolved_redaction(s)) == "nginx_key");
}
