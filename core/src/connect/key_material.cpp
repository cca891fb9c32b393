#include "connect/key_material.h"

#include <openssl/pem.h>

#include "connect/openssl_handles.h"

namespace tidepool::connect {

namespace {

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(n));
}

}  // namespace

Result<KeyMaterial> key_material(std::string_view pem, std::string_view passphrase,
                                 const KeyFields& fields) {
    auto info = check_private_key(pem, passphrase, fields);
    if (!info) return info.error();
    auto in = detail::memory_bio(pem);
    detail::PassphraseState state{passphrase};
    detail::PkeyPtr key(
        PEM_read_bio_PrivateKey(in.get(), nullptr, detail::passphrase_callback, &state));
    detail::BioPtr priv(BIO_new(BIO_s_mem()));
    detail::BioPtr pub(BIO_new(BIO_s_mem()));
    if (!key || !priv || !pub ||
        PEM_write_bio_PKCS8PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                      nullptr) != 1 ||
        PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
        return make_error(ErrorCode::internal, "the key could not be re-encoded", fields.key);
    return KeyMaterial{drain(priv.get()), drain(pub.get()), info->algorithm};
}

}  // namespace tidepool::connect
