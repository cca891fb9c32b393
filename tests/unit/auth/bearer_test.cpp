#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "auth/bearer.h"
#include "auth/key_hash.h"

using namespace tidepool::auth;
using tidepool::ErrorCode;

namespace {
const std::string kId = "key-0123456789abcdef";
const std::string kSecret(64, 'a');
}  // namespace

TEST_CASE("new credentials have the documented shape and parse back") {
    const Credentials c = new_credentials();
    CHECK(c.key_id.size() == 20);
    CHECK(c.key_id.starts_with("key-"));
    CHECK(c.secret.size() == 64);
    auto parsed = parse_token(format_token(c));
    REQUIRE(parsed.ok());
    CHECK(parsed->key_id == c.key_id);
    CHECK(parsed->secret == c.secret);
    CHECK(new_credentials().secret != c.secret);
}

TEST_CASE("Authorization headers: accepted and refused forms") {
    struct Case {
        std::optional<std::string> header;
        bool ok;
        std::string message_part;
    };
    const std::vector<Case> cases = {
        {"Bearer " + kId + "." + kSecret, true, ""},
        {"bearer " + kId + "." + kSecret, true, ""},
        {"  Bearer " + kId + "." + kSecret + "  ", true, ""},
        {std::nullopt, false, "needs an API key"},
        {"", false, "Bearer scheme"},
        {"Basic dXNlcjpwYXNz", false, "Bearer scheme"},
        {"Bearer", false, "Bearer scheme"},
        {"Bearer " + kId, false, "malformed API key"},
        {"Bearer " + kId + ".", false, "malformed secret"},
        {"Bearer " + kId + "." + kSecret + "0", false, "malformed secret"},
        {"Bearer " + kId + "." + std::string(64, 'A'), false, "malformed secret"},
        {"Bearer key-XYZ." + kSecret, false, "malformed API key"},
        {"Bearer tpk-0123456789abcdef." + kSecret, false, "malformed API key"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.header.value_or("<none>"));
        auto parsed = parse_authorization(c.header);
        CHECK(parsed.ok() == c.ok);
        if (!c.ok) {
            CHECK(parsed.error().code == ErrorCode::unauthenticated);
            CHECK(parsed.error().message.find(c.message_part) != std::string::npos);
            CHECK(parsed.error().message.find(kSecret) == std::string::npos);
        }
    }
}

TEST_CASE("PBKDF2 hashes verify only the right secret and are salted") {
    const KeyHash a = hash_secret("s3cret", 1000);
    const KeyHash b = hash_secret("s3cret", 1000);
    CHECK(a.salt_hex.size() == 32);
    CHECK(a.hash_hex.size() == 64);
    CHECK(a.iterations == 1000);
    CHECK(a.hash_hex != b.hash_hex);  // different salts
    CHECK(verify_secret("s3cret", a));
    CHECK_FALSE(verify_secret("s3cret!", a));
    CHECK_FALSE(verify_secret("", a));
    KeyHash fewer = a;
    fewer.iterations = 999;
    CHECK_FALSE(verify_secret("s3cret", fewer));
    KeyHash broken = a;
    broken.iterations = 0;
    CHECK_FALSE(verify_secret("s3cret", broken));
}

TEST_CASE("PBKDF2-HMAC-SHA256 matches the RFC 7914 section 11 test vector") {
    // RFC 7914 lists PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64); the first 32 bytes:
    const KeyHash stored{"salt", "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc",
                         1};
    CHECK(verify_secret("passwd", stored));
}

TEST_CASE("constant_time_equal") {
    CHECK(constant_time_equal("abc", "abc"));
    CHECK_FALSE(constant_time_equal("abc", "abd"));
    CHECK_FALSE(constant_time_equal("abc", "abcd"));
    CHECK(constant_time_equal("", ""));
}
