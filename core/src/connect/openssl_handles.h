// RAII owners for the few OpenSSL objects the connect module reads PEM text into.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstring>
#include <memory>
#include <string_view>

namespace tidepool::connect::detail {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
    void operator()(X509* c) const { X509_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// A read-only memory BIO over text the caller keeps alive.
inline BioPtr memory_bio(std::string_view text) {
    return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Hands OpenSSL a passphrase for an encrypted PEM and records that one was asked for. An empty
// passphrase is refused rather than tried (OpenSSL's default would prompt on the terminal).
struct PassphraseState {
    std::string_view passphrase;
    bool asked = false;
};

inline int passphrase_callback(char* buf, int size, int /*rwflag*/, void* user) {
    auto* state = static_cast<PassphraseState*>(user);
    state->asked = true;
    const auto n = static_cast<int>(state->passphrase.size());
    if (n == 0 || n > size) return -1;
    std::memcpy(buf, state->passphrase.data(), static_cast<size_t>(n));
    return n;
}

}  // namespace tidepool::connect::detail
