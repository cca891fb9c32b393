#include "windows_password.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

#include <tidepool/sdk/aws/codec.h>
#include <tidepool/sdk/error.hpp>

namespace tidepool::aws {

namespace {

using sdk::ProviderError;

struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CtxFree {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CtxPtr = std::unique_ptr<EVP_PKEY_CTX, CtxFree>;

KeyPtr load_rsa_key(std::string_view pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    // A NULL password callback with an empty passphrase: encrypted PEMs fail instead of
    // prompting on a terminal the daemon does not have.
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr,
                                             const_cast<char*>(""))
                   : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field /windows_key_pem is not an unencrypted RSA private key "
                            "in PEM form (EC2 encrypts Windows passwords with RSA key pairs)",
                            "/windows_key_pem");
    }
    return key;
}

}  // namespace

void check_private_key(std::string_view pem) { load_rsa_key(pem); }

std::string decrypt_windows_password(std::string_view pem, std::string_view password_data) {
    KeyPtr key = load_rsa_key(pem);
    auto cipher = sdk::aws::base64_decode(password_data);
    if (!cipher || cipher->empty()) {
        throw ProviderError(TP_ERR_INTERNAL, "GetPasswordData returned PasswordData that is not "
                                             "base64");
    }
    CtxPtr ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
    size_t length = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(cipher->data());
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_decrypt(ctx.get(), nullptr, &length, in, cipher->size()) <= 0) {
        throw ProviderError(TP_ERR_INTERNAL, "OpenSSL could not set up RSA decryption");
    }
    std::string plain(length, '\0');
    if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &length, in,
                         cipher->size()) <= 0) {
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "the Windows password does not decrypt with config field "
                            "/windows_key_pem: is it the private key of this instance's key pair?",
                            "/windows_key_pem");
    }
    plain.resize(length);
    return plain;
}

}  // namespace tidepool::aws
