#include <doctest/doctest.h>

#include <ctime>

#include "connect/cert_pair_check.h"
#include "test_keys.h"

using namespace tidepool::connect;
using namespace tidepool::connect::testing;

namespace {
const CertPairFields kFields{"/nginx_cert", "/nginx_key"};
std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }
}  // namespace

TEST_CASE("a matching, current wildcard pair for the base domain is accepted") {
    auto key = make_key(KeyType::ecdsa_p256);
    auto cert = make_cert(key.private_pem, "*.agents.example.com");
    auto info = check_cert_pair(cert, key.private_pem, "agents.example.com", now(), kFields);
    REQUIRE_MESSAGE(info.ok(), info.error().message);
    CHECK(info->subject.find("agents.example.com") != std::string::npos);
}

TEST_CASE("broken pairs are refused naming the field at fault") {
    auto key = make_key(KeyType::rsa2048);
    auto other = make_key(KeyType::rsa2048);
    auto good = make_cert(key.private_pem, "*.example.com");
    struct Case {
        std::string cert;
        std::string key;
        std::string base;
        const char* field;
        const char* says;
    };
    const Case cases[] = {
        {good, other.private_pem, "example.com", "/nginx_key", "does not belong"},
        {good, key.private_pem, "other.org", "/nginx_cert", "does not cover *.other.org"},
        {make_cert(key.private_pem, "example.com"), key.private_pem, "example.com",
         "/nginx_cert", "does not cover"},
        {make_cert(key.private_pem, "*.example.com", -86400 * 10, -86400), key.private_pem,
         "example.com", "/nginx_cert", "expired"},
        {"not a cert", key.private_pem, "example.com", "/nginx_cert", "not a PEM certificate"},
        {good, key.public_pem, "example.com", "/nginx_key", "not an unencrypted PEM"},
        {good, make_key(KeyType::rsa2048, PemForm::pkcs8, "pw").private_pem, "example.com",
         "/nginx_key", "passphrase"},
        {good, key.private_pem, "", "/base_domain", "base domain"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.says);
        auto info = check_cert_pair(c.cert, c.key, c.base, now(), kFields);
        REQUIRE_FALSE(info.ok());
        CHECK(info.error().field == c.field);
        CHECK(info.error().message.find(c.says) != std::string::npos);
    }
}
