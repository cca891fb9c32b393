// Test support: a throw-away self-signed certificate for 127.0.0.1, made with the OpenSSL C
// API at test time so no key material is checked in.
#pragma once

#include <string>

namespace tidepool::http::test {

struct CertFiles {
    std::string cert_file;
    std::string key_file;
    std::string cert_pem;
};

// Writes cert.pem and key.pem (P-256, SAN IP:127.0.0.1) into `dir`, which must exist.
CertFiles write_self_signed_cert(const std::string& dir);

// A fresh empty directory under the system temp dir.
std::string make_temp_dir(const std::string& prefix);

}  // namespace tidepool::http::test
