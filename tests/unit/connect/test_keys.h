// Keys and certificates made fresh by each test run with OpenSSL, so no private key is ever
// committed and every case (encrypted, PKCS#1, PKCS#8, truncated...) is produced the same way
// an operator's tools would produce it.
#pragma once

#include <cstdint>
#include <string>

namespace tidepool::connect::testing {

enum class KeyType { rsa2048, rsa1024, ecdsa_p256, ed25519, x25519 };
enum class PemForm { pkcs8, traditional };  // traditional = PKCS#1 for RSA, SEC1 for EC

struct TestKey {
    std::string private_pem;
    std::string public_pem;
};

TestKey make_key(KeyType type, PemForm form = PemForm::pkcs8, const std::string& passphrase = "");

// A self-signed certificate for `dns_name` (a SAN; may be a wildcard) valid from now + from_s
// to now + to_s, signed by the key whose private PEM is given.
std::string make_cert(const std::string& key_pem, const std::string& dns_name,
                      std::int64_t from_s = -3600, std::int64_t to_s = 86400 * 30);

}  // namespace tidepool::connect::testing
