#include "runtime/service_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "runtime/tokens.h"

namespace tidepool::runtime {

namespace {
constexpr std::string_view kPurpose = "tidepool/service-token/v1/";
constexpr std::string_view kCheckinPurpose = "tidepool/checkin-token/v1/";
constexpr const char* kKeyMeta = "service_token_key";
}  // namespace

Result<std::string> load_or_create_service_token_key(store::Store& store,
                                                     const secrets::Sealer& sealer) {
    auto stored = store.get_meta(kKeyMeta);
    if (!stored.ok()) return stored.error();
    if (stored.value()) return sealer.unseal(*stored.value(), std::string("meta/") + kKeyMeta);
    std::string key = random_hex(32);
    if (auto r = store.set_meta(kKeyMeta, sealer.seal(key, std::string("meta/") + kKeyMeta));
        !r.ok())
        return r.error();
    return key;
}

ServiceTokens::ServiceTokens(std::string key)
    : key_(key.empty() ? random_hex(32) : std::move(key)) {}

std::string ServiceTokens::mac_hex(std::string_view purpose, std::string_view subject) const {
    const std::string message = std::string(purpose) + std::string(subject);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &len);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex.push_back(kHex[mac[i] >> 4]);
        hex.push_back(kHex[mac[i] & 0xf]);
    }
    return hex;
}

std::string ServiceTokens::token_for(std::string_view machine_id) const {
    return std::string(machine_id) + "." + mac_hex(kPurpose, machine_id);
}

std::string ServiceTokens::checkin_token_for(std::string_view idempotency_key) const {
    return mac_hex(kCheckinPurpose, idempotency_key).substr(0, 48);
}

std::optional<std::string> ServiceTokens::verify(std::string_view token) const {
    const auto dot = token.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    const std::string machine_id(token.substr(0, dot));
    const std::string expected = mac_hex(kPurpose, machine_id);
    const auto given = token.substr(dot + 1);
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0)
        return std::nullopt;
    return machine_id;
}

}  // namespace tidepool::runtime
