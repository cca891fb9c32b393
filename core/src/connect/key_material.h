// Turning a user's uploaded SSH key into what is stored: the private key re-encoded as
// unencrypted PKCS#8 PEM (it is sealed at rest, and the connection proxy cannot ask for a
// passphrase) and its public half for operators to see.
#pragma once

#include <string>
#include <string_view>

#include "connect/private_key_check.h"
#include "tidepool/result.h"

namespace tidepool::connect {

struct KeyMaterial {
    std::string private_pkcs8_pem;
    std::string public_pem;
    std::string algorithm;
};

// Checks the key exactly as check_private_key does (same errors, same fields), then re-encodes.
Result<KeyMaterial> key_material(std::string_view pem, std::string_view passphrase,
                                 const KeyFields& fields);

}  // namespace tidepool::connect
