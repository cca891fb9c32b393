#include "connect/cert_pair_check.h"

#include <openssl/asn1.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "connect/openssl_handles.h"

namespace tidepool::connect {

namespace {

// OpenSSL's default callback would prompt on the terminal; the proxy cannot, so neither do we.
int refuse_passphrase(char*, int, int, void*) { return -1; }

std::string one_line_subject(X509* cert) {
    char buf[256];
    X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
    return buf;
}

std::int64_t asn1_to_unix(const ASN1_TIME* t) {
    struct tm tm {};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

// An agent's DNS name is one label under the base domain, so the certificate must match such
// a name (normally through a wildcard *.<base domain>); the base domain alone is not enough.
bool covers_agents(X509* cert, std::string_view base_domain) {
    const std::string probe = "tidepool-agent." + std::string(base_domain);
    return X509_check_host(cert, probe.data(), probe.size(), 0, nullptr) == 1;
}

Result<detail::X509Ptr> read_cert(std::string_view pem, const std::string& field) {
    if (pem.empty()) return make_error(ErrorCode::invalid, "the certificate is empty", field);
    auto bio = detail::memory_bio(pem);
    detail::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, nullptr));
    if (!cert)
        return make_error(ErrorCode::invalid,
                          "the value is not a PEM certificate (expected a \"BEGIN CERTIFICATE\" "
                          "block)",
                          field);
    return cert;
}

Result<detail::PkeyPtr> read_key(std::string_view pem, const std::string& field) {
    if (pem.empty()) return make_error(ErrorCode::invalid, "the key is empty", field);
    auto bio = detail::memory_bio(pem);
    detail::PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, nullptr));
    if (!key)
        return make_error(ErrorCode::invalid,
                          "the value is not an unencrypted PEM private key; the proxy cannot "
                          "ask for a passphrase",
                          field);
    return key;
}

}  // namespace

Result<CertInfo> check_cert_pair(std::string_view cert_pem, std::string_view key_pem,
                                 std::string_view base_domain, std::int64_t now_unix,
                                 const CertPairFields& fields) {
    auto cert = read_cert(cert_pem, fields.cert);
    if (!cert) return cert.error();
    auto key = read_key(key_pem, fields.key);
    if (!key) return key.error();
    X509* c = cert->get();
    CertInfo info{one_line_subject(c), asn1_to_unix(X509_get0_notAfter(c))};
    if (X509_check_private_key(c, key->get()) != 1)
        return make_error(ErrorCode::invalid,
                          "the key does not belong to the certificate (" + info.subject + ")",
                          fields.key);
    if (info.not_after_unix != 0 && info.not_after_unix < now_unix)
        return make_error(ErrorCode::invalid,
                          "the certificate (" + info.subject + ") has expired; renew it",
                          fields.cert);
    if (base_domain.empty())
        return make_error(ErrorCode::invalid,
                          "a proxy certificate needs the config's base domain to be set",
                          "/base_domain");
    if (!covers_agents(c, base_domain))
        return make_error(ErrorCode::invalid,
                          "the certificate (" + info.subject + ") does not cover *." +
                              std::string(base_domain) +
                              ", the names agents get; issue it for that wildcard",
                          fields.cert);
    return info;
}

}  // namespace tidepool::connect
