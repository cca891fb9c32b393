#include <doctest/doctest.h>

#include "connect/private_key_check.h"
#include "test_keys.h"

using namespace tidepool::connect;
using namespace tidepool::connect::testing;

namespace {
const KeyFields kFields{"/connection_private_key", "/connection_private_key_passphrase"};
}

TEST_CASE("good keys are accepted in PKCS#1 and PKCS#8, plain and encrypted") {
    struct Case {
        KeyType type;
        PemForm form;
        const char* pass;
        const char* algorithm;
    };
    const Case cases[] = {
        {KeyType::rsa2048, PemForm::traditional, "", "rsa"},
        {KeyType::rsa2048, PemForm::pkcs8, "", "rsa"},
        {KeyType::rsa2048, PemForm::traditional, "s3cret", "rsa"},
        {KeyType::rsa2048, PemForm::pkcs8, "s3cret", "rsa"},
        {KeyType::ecdsa_p256, PemForm::traditional, "", "ecdsa"},
        {KeyType::ecdsa_p256, PemForm::pkcs8, "s3cret", "ecdsa"},
        {KeyType::ed25519, PemForm::pkcs8, "", "ed25519"},
        {KeyType::ed25519, PemForm::pkcs8, "s3cret", "ed25519"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.algorithm);
        CAPTURE(c.pass);
        auto key = make_key(c.type, c.form, c.pass);
        auto info = check_private_key(key.private_pem, c.pass, kFields);
        REQUIRE_MESSAGE(info.ok(), info.error().message);
        CHECK(info->algorithm == c.algorithm);
        CHECK(info->encrypted == (c.pass[0] != '\0'));
    }
}

TEST_CASE("bad keys are refused with the field and a reason an operator can act on") {
    auto rsa = make_key(KeyType::rsa2048, PemForm::pkcs8, "right");
    auto plain = make_key(KeyType::rsa2048);
    struct Case {
        std::string pem;
        std::string pass;
        const char* field;
        const char* says;
    };
    const Case cases[] = {
        {"", "", "/connection_private_key", "empty"},
        {rsa.private_pem, "wrong", "/connection_private_key_passphrase", "does not open"},
        {rsa.private_pem, "", "/connection_private_key_passphrase", "give its passphrase"},
        {plain.private_pem.substr(0, plain.private_pem.size() / 2), "",
         "/connection_private_key", "truncated"},
        {plain.public_pem, "", "/connection_private_key", "public key"},
        {"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host", "", "/connection_private_key",
         "public key"},
        {"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
         "-----END OPENSSH PRIVATE KEY-----\n",
         "", "/connection_private_key", "ssh-keygen -p -m PEM"},
        {"just some text", "", "/connection_private_key", "not a PEM private key"},
        {make_key(KeyType::rsa1024).private_pem, "", "/connection_private_key", "2048"},
        {make_key(KeyType::x25519).private_pem, "", "/connection_private_key", "not supported"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.says);
        auto info = check_private_key(c.pem, c.pass, kFields);
        REQUIRE_FALSE(info.ok());
        CHECK(info.error().field == c.field);
        CHECK(info.error().message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("a certificate pasted as a key is named as such") {
    auto key = make_key(KeyType::rsa2048);
    auto cert = make_cert(key.private_pem, "host.example.com");
    auto info = check_private_key(cert, "", kFields);
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().message.find("certificate") != std::string::npos);
}
