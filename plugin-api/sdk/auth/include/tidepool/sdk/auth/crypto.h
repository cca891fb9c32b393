// Hashing primitives for request signing (SHA-256, HMAC-SHA256), backed by OpenSSL 3.
//
// Part of the plugin SDK: a static helper library compiled into plugins. Must stay C++17 and
// must not expose OpenSSL types, so plugins need no OpenSSL headers of their own.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::sdk::auth {

// Lower-case hexadecimal of arbitrary bytes ("\x01\xab" -> "01ab").
std::string hex_encode(std::string_view bytes);

// The 32-byte SHA-256 digest of data, raw.
std::string sha256(std::string_view data);

// Lower-case hex SHA-256 of data: the form SigV4 uses for payload and canonical-request hashes.
std::string hex_sha256(std::string_view data);

// The 32-byte HMAC-SHA256 of data under key, raw (SigV4 chains raw digests as keys).
std::string hmac_sha256(std::string_view key, std::string_view data);

}  // namespace tidepool::sdk::auth
