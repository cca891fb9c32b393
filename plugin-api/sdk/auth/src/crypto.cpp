#include "tidepool/sdk/auth/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace tidepool::sdk::auth {

std::string hex_encode(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        out.push_back(kDigits[byte >> 4]);
        out.push_back(kDigits[byte & 0x0f]);
    }
    return out;
}

std::string sha256(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // One-shot EVP: the low-level SHA256_* API is deprecated in OpenSSL 3.
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL EVP_Digest(SHA-256) failed");
    }
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string hex_sha256(std::string_view data) { return hex_encode(sha256(data)); }

std::string hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // HMAC() is the one-shot form that OpenSSL 3 keeps undeprecated; HMAC_CTX is not.
    const unsigned char* result =
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
    if (result == nullptr) {
        throw std::runtime_error("OpenSSL HMAC(SHA-256) failed");
    }
    return std::string(reinterpret_cast<const char*>(mac), length);
}

}  // namespace tidepool::sdk::auth
