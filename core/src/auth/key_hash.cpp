#include "auth/key_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace tidepool::auth {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string to_hex(const unsigned char* data, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = kDigits[data[i] >> 4];
        out[2 * i + 1] = kDigits[data[i] & 0xf];
    }
    return out;
}

std::string pbkdf2_hex(std::string_view secret, std::string_view salt_hex, int iterations) {
    unsigned char out[kHashBytes];
    // The salt is used as its hex text: what is stored is exactly what is fed in.
    if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()),
                          reinterpret_cast<const unsigned char*>(salt_hex.data()),
                          static_cast<int>(salt_hex.size()), iterations, EVP_sha256(),
                          static_cast<int>(kHashBytes), out) != 1) {
        throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
    }
    return to_hex(out, kHashBytes);
}

}  // namespace

std::string random_hex(std::size_t n) {
    std::vector<unsigned char> buf(n);
    // RAND_bytes fails only when the OS entropy source is broken; no key may be made then.
    if (RAND_bytes(buf.data(), static_cast<int>(n)) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed: no entropy");
    }
    return to_hex(buf.data(), n);
}

KeyHash hash_secret(std::string_view secret, int iterations) {
    KeyHash h{random_hex(kSaltBytes), "", iterations};
    h.hash_hex = pbkdf2_hex(secret, h.salt_hex, iterations);
    return h;
}

bool verify_secret(std::string_view secret, const KeyHash& stored) {
    if (stored.iterations < 1 || stored.salt_hex.empty()) return false;
    return constant_time_equal(pbkdf2_hex(secret, stored.salt_hex, stored.iterations),
                               stored.hash_hex);
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("EVP_Digest(SHA-256) failed");
    }
    return to_hex(digest, len);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tidepool::auth
