#include "secrets/sealer.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "secrets/base64.h"
#include "secrets/key_file.h"

namespace tidepool::secrets {
namespace {

constexpr int kNonceBytes = 12;  // 96 bits: GCM's native nonce size
constexpr int kTagBytes = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() { return CipherCtx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free); }

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// OpenSSL only fails here when it is out of memory or broken; neither is recoverable input.
void require(int ok, const char* what) {
    if (ok != 1) throw std::runtime_error(std::string("AES-256-GCM: ") + what + " failed");
}

bool start(EVP_CIPHER_CTX* ctx, bool encrypt, const SealKey& key, const unsigned char* nonce,
           std::string_view context) {
    int unused = 0;
    return EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt) == 1 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
           EVP_CipherInit_ex(ctx, nullptr, nullptr, key.data(), nonce, encrypt) == 1 &&
           EVP_CipherUpdate(ctx, nullptr, &unused, bytes(context),
                            static_cast<int>(context.size())) == 1;
}

Error bad_value(std::string_view why) {
    return make_error(ErrorCode::invalid, "sealed value cannot be opened: " + std::string(why));
}

}  // namespace

Result<Sealer> Sealer::open_or_create(const std::filesystem::path& key_file) {
    auto existing = read_private_file(key_file, kKeyBytes);
    if (existing.ok()) {
        SealKey key{};
        std::copy(existing->begin(), existing->end(), key.begin());
        return Sealer(key);
    }
    if (existing.error().code != ErrorCode::not_found) {
        return make_error(existing.error().code,
                          "sealing key refused: " + existing.error().message);
    }
    SealKey key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
        return make_error(ErrorCode::internal, "no randomness available for a sealing key");
    }
    std::string_view raw(reinterpret_cast<const char*>(key.data()), key.size());
    if (auto written = write_private_file(key_file, raw); !written) {
        // Another process may have created it between our read and write: use theirs.
        if (written.error().code == ErrorCode::conflict) return open_or_create(key_file);
        return make_error(written.error().code,
                          "cannot create sealing key: " + written.error().message);
    }
    return Sealer(key);
}

std::string Sealer::seal(std::string_view plaintext, std::string_view context) const {
    std::string blob(kNonceBytes + plaintext.size() + kTagBytes, '\0');
    auto* nonce = bytes(blob);
    require(RAND_bytes(nonce, kNonceBytes), "nonce generation");
    auto ctx = new_ctx();
    require(ctx != nullptr && start(ctx.get(), true, key_, nonce, context), "init");
    int len = 0;
    require(EVP_EncryptUpdate(ctx.get(), nonce + kNonceBytes, &len, bytes(plaintext),
                              static_cast<int>(plaintext.size())),
            "encrypt");
    int tail = 0;
    require(EVP_EncryptFinal_ex(ctx.get(), nonce + kNonceBytes + len, &tail), "final");
    require(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                                nonce + kNonceBytes + plaintext.size()),
            "tag");
    return std::string(kSealedPrefix) + base64_encode(blob);
}

Result<std::string> Sealer::unseal(std::string_view sealed, std::string_view context) const {
    if (!is_sealed(sealed)) return bad_value("it does not start with tpsealed:v1:");
    auto blob = base64_decode(sealed.substr(kSealedPrefix.size()));
    if (!blob) return bad_value("its body is not base64");
    if (blob->size() < kNonceBytes + kTagBytes) return bad_value("it is too short");
    const std::size_t text_size = blob->size() - kNonceBytes - kTagBytes;
    auto* nonce = bytes(*blob);
    auto ctx = new_ctx();
    if (!ctx || !start(ctx.get(), false, key_, nonce, context)) return bad_value("cipher init");
    std::string plain(text_size, '\0');
    int len = 0;
    if (EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, nonce + kNonceBytes,
                          static_cast<int>(text_size)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                            nonce + kNonceBytes + text_size) != 1) {
        return bad_value("decrypt failed");
    }
    int tail = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &tail) != 1) {
        // Never return partial plaintext: the tag is what says the bytes are ours.
        return bad_value("it was altered, sealed for another context, or sealed with another key");
    }
    return plain;
}

bool Sealer::is_sealed(std::string_view text) { return text.starts_with(kSealedPrefix); }

}  // namespace tidepool::secrets
