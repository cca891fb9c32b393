// Checks an SSH private key an operator pastes into a config (or a user stores) when it is
// saved, so a bad key fails at save time with a reason instead of at the user's first login.
#pragma once

#include <string>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::connect {

struct PrivateKeyInfo {
    std::string algorithm;  // "rsa", "ecdsa" or "ed25519"
    int bits = 0;
    bool encrypted = false;
};

// Accepts PEM PKCS#1 ("BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY") and PKCS#8 ("BEGIN
// PRIVATE KEY", "BEGIN ENCRYPTED PRIVATE KEY") keys of type RSA (>= 2048 bits), ECDSA or
// Ed25519. An encrypted key must open with passphrase. Errors carry `field` (the JSON pointer
// of the key) and say what to do: a public key or certificate pasted instead, an OpenSSH-format
// key (convert it), a truncated PEM, a missing or wrong passphrase, an unsupported type.
struct KeyFields {
    std::string key;         // e.g. "/connection_private_key"
    std::string passphrase;  // e.g. "/connection_private_key_passphrase"
};
Result<PrivateKeyInfo> check_private_key(std::string_view pem, std::string_view passphrase,
                                         const KeyFields& fields);

}  // namespace tidepool::connect
