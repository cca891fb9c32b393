// Provider-config secrets at rest: sealed members, kept-on-update, unsealed for the plugin.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <string>

#include "providers/config_secrets.h"

using namespace tidepool;
using namespace tidepool::providers;

namespace {

secrets::Sealer test_sealer(std::uint8_t fill = 7) {
    secrets::SealKey key{};
    key.fill(fill);
    return secrets::Sealer(key);
}

std::string member(const std::string& json, const char* name) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    if (!doc.HasMember(name)) return "<absent>";
    const auto& v = doc[name];
    if (v.IsString()) return v.GetString();
    return v.IsInt() ? std::to_string(v.GetInt()) : "<other>";
}

const std::vector<std::string> kSecrets = {"/password", "/auth/token", "/pin"};

}  // namespace

TEST_CASE("secret members are sealed, others untouched, and unseal back exactly") {
    const auto sealer = test_sealer();
    const std::string plain =
        R"({"host":"pve","password":"hunter2","auth":{"token":"t0k","user":"u"},"pin":1234})";
    auto sealed = seal_secret_members(plain, kSecrets, sealer, "cfg-1");
    REQUIRE(sealed.ok());
    CHECK(sealed->find("hunter2") == std::string::npos);
    CHECK(sealed->find("t0k") == std::string::npos);
    CHECK(sealed->find("1234") == std::string::npos);
    CHECK(member(*sealed, "host") == "pve");
    CHECK(member(*sealed, "password").starts_with("tpsealed:v1:"));
    CHECK(member(*sealed, "pin").starts_with("tpsealed:v1:"));  // non-strings too

    auto again = seal_secret_members(*sealed, kSecrets, sealer, "cfg-1");
    REQUIRE(again.ok());
    CHECK(*again == *sealed);  // already sealed members are left alone

    auto opened = unseal_secret_members(*sealed, sealer, "cfg-1");
    REQUIRE(opened.ok());
    CHECK(*opened == plain);
}

TEST_CASE("a sealed member does not open under another config id or key") {
    const auto sealer = test_sealer();
    auto sealed = seal_secret_members(R"({"password":"p"})", kSecrets, sealer, "cfg-1");
    REQUIRE(sealed.ok());
    auto moved = unseal_secret_members(*sealed, sealer, "cfg-2");
    REQUIRE_FALSE(moved.ok());
    CHECK(moved.error().message.find("/password") != std::string::npos);
    CHECK(moved.error().message.find("cfg-2") != std::string::npos);
    CHECK_FALSE(unseal_secret_members(*sealed, test_sealer(8), "cfg-1").ok());
}

TEST_CASE("an update that omits a secret or sends the placeholder keeps the stored one") {
    const auto sealer = test_sealer();
    auto stored = seal_secret_members(R"({"host":"a","password":"old","auth":{"token":"t"}})",
                                      kSecrets, sealer, "cfg-1");
    REQUIRE(stored.ok());
    struct Case {
        const char* incoming;
        const char* password;
    };
    const Case cases[] = {
        {R"({"host":"b"})", "old"},
        {R"({"host":"b","password":"********"})", "old"},
        {R"({"host":"b","password":"new"})", "new"},
        {R"({"host":"b","password":""})", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.incoming);
        auto merged = keep_stored_secrets(c.incoming, *stored, kSecrets, sealer, "cfg-1");
        REQUIRE(merged.ok());
        CHECK(member(*merged, "host") == "b");
        CHECK(member(*merged, "password") == c.password);
    }
    auto fresh = keep_stored_secrets(R"({"host":"b"})", std::nullopt, kSecrets, sealer, "cfg-1");
    REQUIRE(fresh.ok());
    CHECK(member(*fresh, "password") == "<absent>");
    auto nested = keep_stored_secrets(R"({"auth":{"user":"x"}})", *stored, kSecrets, sealer,
                                      "cfg-1");
    REQUIRE(nested.ok());
    CHECK(nested->find(R"("token":"t")") != std::string::npos);
}

TEST_CASE("configs that are not JSON objects are refused") {
    const auto sealer = test_sealer();
    CHECK_FALSE(seal_secret_members("[1]", kSecrets, sealer, "c").ok());
    CHECK_FALSE(unseal_secret_members("not json", sealer, "c").ok());
    CHECK_FALSE(keep_stored_secrets("{}", std::string("nope"), kSecrets, sealer, "c").ok());
}
