#include "test_keys.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace tidepool::connect::testing {

namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

PkeyPtr generate(KeyType type) {
    EVP_PKEY* key = nullptr;
    switch (type) {
        case KeyType::rsa2048: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}); break;
        case KeyType::rsa1024: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}); break;
        case KeyType::ecdsa_p256: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
        case KeyType::ed25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
        case KeyType::x25519: key = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"); break;
    }
    if (!key) throw std::runtime_error("key generation failed");
    return PkeyPtr(key, EVP_PKEY_free);
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<size_t>(n));
    BIO_free(bio);
    return out;
}

std::string private_pem(EVP_PKEY* key, PemForm form, const std::string& pass) {
    BIO* bio = BIO_new(BIO_s_mem());
    const EVP_CIPHER* cipher = pass.empty() ? nullptr : EVP_aes_256_cbc();
    auto* kstr = reinterpret_cast<unsigned char*>(const_cast<char*>(pass.data()));
    const int klen = static_cast<int>(pass.size());
    const int ok = form == PemForm::pkcs8
                       ? PEM_write_bio_PKCS8PrivateKey(bio, key, cipher, pass.c_str(), klen,
                                                       nullptr, nullptr)
                       : PEM_write_bio_PrivateKey_traditional(bio, key, cipher, kstr, klen,
                                                              nullptr, nullptr);
    if (ok != 1) throw std::runtime_error("writing the private key failed");
    return drain(bio);
}

PkeyPtr read_key(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key) throw std::runtime_error("reading the test key failed");
    return PkeyPtr(key, EVP_PKEY_free);
}

}  // namespace

TestKey make_key(KeyType type, PemForm form, const std::string& passphrase) {
    auto key = generate(type);
    BIO* pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(pub, key.get());
    return TestKey{private_pem(key.get(), form, passphrase), drain(pub)};
}

std::string make_cert(const std::string& key_pem, const std::string& dns_name,
                      std::int64_t from_s, std::int64_t to_s) {
    auto key = read_key(key_pem);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(from_s));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(to_s));
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(dns_name.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    const std::string san = "DNS:" + dns_name;
    X509_EXTENSION* ext =
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str());
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        throw std::runtime_error("signing the test certificate failed");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert.get());
    return drain(bio);
}

}  // namespace tidepool::connect::testing
