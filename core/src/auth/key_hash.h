// How an API key's secret is stored: PBKDF2-HMAC-SHA256 (OpenSSL PKCS5_PBKDF2_HMAC) with a
// 16-byte random salt and a 32-byte output.
//
// kDefaultIterations is 100,000. The secrets are 256 random bits made by tidepoold, so no
// amount of stretching is what keeps them from being guessed; the hash exists so that a copy
// of the database does not hand out working keys, and the stretching is defence in depth
// should a weaker secret ever be stored. 100,000 keeps one verification around 40 ms on a
// small machine (bench/auth measures it), paid once per key per cache period
// (auth/authenticator.h), not per request. Each record keeps its own count, so raising it
// later only affects keys created afterwards.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::auth {

inline constexpr int kDefaultIterations = 100000;

struct KeyHash {
    std::string salt_hex;
    std::string hash_hex;
    int iterations = 0;
};

// Lowercase hex of `n` bytes from OpenSSL's CSPRNG.
std::string random_hex(std::size_t n);

// A fresh salt and the hash of `secret` under it.
KeyHash hash_secret(std::string_view secret, int iterations = kDefaultIterations);

// Recomputes the hash with the stored salt and count and compares in constant time.
bool verify_secret(std::string_view secret, const KeyHash& stored);

// Lowercase hex SHA-256 (for the verified-key cache; cheap by design).
std::string sha256_hex(std::string_view data);

// Constant-time equality of two strings of equal length (false when lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tidepool::auth
