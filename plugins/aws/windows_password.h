// EC2 Windows passwords: GetPasswordData returns the Administrator password encrypted with the
// instance's key pair (RSA, PKCS#1 v1.5) and base64-encoded; only the key's owner can read it.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::aws {

// Throws ProviderError(TP_ERR_INVALID_CONFIG, field /windows_key_pem) unless pem holds an RSA
// private key. The message never contains the key.
void check_private_key(std::string_view pem);

// Decrypts GetPasswordData's PasswordData with the RSA private key in pem. Throws
// ProviderError (invalid config for a bad key, internal for data the key cannot decrypt).
std::string decrypt_windows_password(std::string_view pem, std::string_view password_data);

}  // namespace tidepool::aws
