#include "connect/key_material.h"

#include <openssl/pem.h>

#include <cstring>

#include "connect/openssl_handles.h"

namespace tidepool::connect {

namespace {

int give_passphrase(char* buf, int size, int, void* user) {
    const auto* pass = static_cast<const std::string_view*>(user);
    const auto n = static_cast<int>(pass->size());
    if (n == 0 || n > size) return -1;
    std::memcpy(buf, pass->data(), static_cast<size_t>(n));
    return n;
}

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
    detail::PkeyPtr key(PEM_read_bio_PrivateKey(in.get(), nullptr, give_passphrase, &passphrase));
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
