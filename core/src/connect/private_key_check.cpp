#include "connect/private_key_check.h"

#include <openssl/pem.h>

#include "connect/openssl_handles.h"

namespace tidepool::connect {

namespace {

bool contains(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

// Keys people paste by mistake, recognised before OpenSSL gives a generic error.
std::string misplaced_key_reason(std::string_view pem) {
    if (contains(pem, "BEGIN PUBLIC KEY") || contains(pem, "BEGIN RSA PUBLIC KEY") ||
        pem.starts_with("ssh-") || pem.starts_with("ecdsa-sha2-"))
        return "is a public key; paste the private key it belongs to";
    if (contains(pem, "BEGIN CERTIFICATE")) return "is a certificate, not a private key";
    if (contains(pem, "BEGIN OPENSSH PRIVATE KEY"))
        return "is in OpenSSH format; convert it to PEM with `ssh-keygen -p -m PEM -f KEYFILE`";
    if (!contains(pem, "PRIVATE KEY-----")) return "is not a PEM private key";
    return {};
}

// PEM framing and base64 intact? (A truncated paste fails here, before any passphrase.)
bool pem_block_complete(std::string_view pem) {
    auto bio = detail::memory_bio(pem);
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    const bool ok = PEM_read_bio(bio.get(), &name, &header, &data, &len) == 1 && len > 0;
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    return ok;
}

Result<PrivateKeyInfo> describe(EVP_PKEY* key, bool encrypted, const std::string& field) {
    PrivateKeyInfo info{{}, EVP_PKEY_get_bits(key), encrypted};
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA: info.algorithm = "rsa"; break;
        case EVP_PKEY_EC: info.algorithm = "ecdsa"; break;
        case EVP_PKEY_ED25519: info.algorithm = "ed25519"; break;
        default:
            return make_error(ErrorCode::invalid,
                              "the key's type is not supported; use RSA (2048 bits or more), "
                              "ECDSA or Ed25519",
                              field);
    }
    if (info.algorithm == "rsa" && info.bits < 2048)
        return make_error(ErrorCode::invalid,
                          "the RSA key has " + std::to_string(info.bits) +
                              " bits; use 2048 bits or more",
                          field);
    return info;
}

}  // namespace

Result<PrivateKeyInfo> check_private_key(std::string_view pem, std::string_view passphrase,
                                         const KeyFields& fields) {
    const std::string& field = fields.key;
    if (pem.empty()) return make_error(ErrorCode::invalid, "the private key is empty", field);
    if (auto reason = misplaced_key_reason(pem); !reason.empty())
        return make_error(ErrorCode::invalid, "the value " + reason, field);
    if (!pem_block_complete(pem))
        return make_error(ErrorCode::invalid,
                          "the private key is truncated or damaged (its PEM block does not "
                          "decode); paste the whole key including the END line",
                          field);
    const bool encrypted = contains(pem, "ENCRYPTED");
    detail::PassphraseState state{passphrase};
    auto bio = detail::memory_bio(pem);
    detail::PkeyPtr key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, detail::passphrase_callback, &state));
    if (!key) {
        if (encrypted && passphrase.empty())
            return make_error(ErrorCode::invalid,
                              "the private key is encrypted; give its passphrase",
                              fields.passphrase);
        if (encrypted)
            return make_error(ErrorCode::invalid, "the passphrase does not open the private key",
                              fields.passphrase);
        return make_error(ErrorCode::invalid, "the private key could not be read", field);
    }
    return describe(key.get(), encrypted || state.asked, field);
}

}  // namespace tidepool::connect
