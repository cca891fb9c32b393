#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "secrets/base64.h"
#include "secrets/sealer.h"

using tidepool::ErrorCode;
using tidepool::secrets::base64_decode;
using tidepool::secrets::base64_encode;
using tidepool::secrets::SealKey;
using tidepool::secrets::Sealer;

namespace {

SealKey key_of(std::uint8_t fill) {
    SealKey key{};
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(fill + i);
    return key;
}

// Replaces one base64 character of the sealed body with a different valid one.
std::string flip_char(std::string sealed, std::size_t body_index) {
    char& c = sealed[tidepool::secrets::kSealedPrefix.size() + body_index];
    c = (c == 'A') ? 'B' : 'A';
    return sealed;
}

}  // namespace

TEST_CASE("seal/unseal round-trips every kind of plaintext") {
    const Sealer sealer(key_of(1));
    const std::vector<std::string> cases = {
        "", "x", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        std::string("nul\0inside", 10), "ünïcödé ✓", std::string(100000, 'z'),
        "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n"};
    for (const auto& plain : cases) {
        CAPTURE(plain.size());
        const std::string sealed = sealer.seal(plain, "provider-config/aws/secret_key");
        CHECK(Sealer::is_sealed(sealed));
        if (plain.size() >= 4) CHECK(sealed.find(plain) == std::string::npos);
        auto opened = sealer.unseal(sealed, "provider-config/aws/secret_key");
        REQUIRE(opened.ok());
        CHECK(*opened == plain);
    }
}

TEST_CASE("sealed output is printable and carries the version prefix") {
    const Sealer sealer(key_of(2));
    const std::string sealed = sealer.seal("secret", "ctx");
    CHECK(sealed.starts_with("tpsealed:v1:"));
    for (char c : sealed) CHECK((c >= 0x21 && c <= 0x7e));
}

TEST_CASE("every seal uses a fresh nonce") {
    const Sealer sealer(key_of(3));
    CHECK(sealer.seal("same", "ctx") != sealer.seal("same", "ctx"));
}

TEST_CASE("any altered byte is detected") {
    const Sealer sealer(key_of(4));
    const std::string sealed = sealer.seal("hunter2-hunter2", "ctx");
    const std::size_t body = sealed.size() - tidepool::secrets::kSealedPrefix.size();
    // Nonce, ciphertext and tag positions all matter; the last char may be '=' padding.
    for (std::size_t i = 0; i + 1 < body; ++i) {
        CAPTURE(i);
        auto opened = sealer.unseal(flip_char(sealed, i), "ctx");
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().code == ErrorCode::invalid);
    }
}

TEST_CASE("a value sealed for one context or key does not open under another") {
    const Sealer sealer(key_of(5));
    const std::string sealed = sealer.seal("p@ss", "provider-config/a/password");
    CHECK_FALSE(sealer.unseal(sealed, "provider-config/b/password").ok());
    CHECK_FALSE(sealer.unseal(sealed, "").ok());
    CHECK_FALSE(Sealer(key_of(6)).unseal(sealed, "provider-config/a/password").ok());
    CHECK(sealer.unseal(sealed, "provider-config/a/password").ok());
}

TEST_CASE("malformed sealed values are refused with a reason") {
    const Sealer sealer(key_of(7));
    struct Case {
        std::string text;
        std::string reason;
    };
    const std::vector<Case> cases = {
        {"plain text", "does not start with tpsealed:v1:"},
        {"tpsealed:v2:AAAA", "does not start with tpsealed:v1:"},
        {"tpsealed:v1:***", "not base64"},
        {"tpsealed:v1:AAAA", "too short"},
        {"tpsealed:v1:", "too short"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto opened = sealer.unseal(c.text, "ctx");
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().message.find(c.reason) != std::string::npos);
    }
}

TEST_CASE("base64 round-trips and refuses non-canonical text") {
    for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
        auto back = base64_decode(base64_encode(s));
        REQUIRE(back);
        CHECK(*back == s);
    }
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK_FALSE(base64_decode("Zm9"));
    CHECK_FALSE(base64_decode("Zm9v!A=="));
    CHECK_FALSE(base64_decode("Zh=="));  // non-zero padding bits
}
