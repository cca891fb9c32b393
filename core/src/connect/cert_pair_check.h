// Checks an agent config's proxy (NGINX) certificate and key when the config is saved: both
// parse, they belong together, the certificate is current, and its names cover the agents'
// DNS names (<agent id>.<base domain>).
#pragma once

#include <string>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::connect {

struct CertPairFields {
    std::string cert;  // JSON pointer of the certificate
    std::string key;   // JSON pointer of the key
};

struct CertInfo {
    std::string subject;       // one line, for operators
    std::int64_t not_after_unix = 0;
};

// now_unix is passed in so the check stays pure and testable.
Result<CertInfo> check_cert_pair(std::string_view cert_pem, std::string_view key_pem,
                                 std::string_view base_domain, std::int64_t now_unix,
                                 const CertPairFields& fields);

}  // namespace tidepool::connect
