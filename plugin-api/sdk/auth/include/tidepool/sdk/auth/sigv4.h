// AWS Signature Version 4 (AWS4-HMAC-SHA256): header signing and presigned URLs.
//
// One implementation for every AWS plugin. The steps are exposed separately (canonical request,
// string to sign, signature) because that is how AWS documents and tests them, and because a
// "SignatureDoesNotMatch" is only debuggable by comparing the canonical request AWS echoes back.
// Verified byte for byte against the aws-c-auth and botocore SigV4 test suites
// (tests/unit/sigv4).
//
// Typical use (member-wise, as -Wextra flags brace-initialising only some members):
//     HttpRequest req{"POST", "/", "", {{"Host", "ec2.us-east-1.amazonaws.com"}, ...}, body};
//     SigningParams params;
//     params.region = "us-east-1";
//     params.service = "ec2";
//     params.amz_date = format_amz_date(now);  // from the host clock service
//     sign_request(req, credentials, params);  // adds X-Amz-Date, Authorization, ...
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tidepool::sdk::auth {

struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty for long-term keys
};

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    // The path exactly as sent on the wire, i.e. already percent-encoded by the caller
    // ("/a%20b"). Non-S3 services sign it encoded once more (see double_uri_encode).
    std::string path;
    std::string query;  // raw query as sent, without the leading '?'; may be empty
    // In send order; names in any case. Must include Host: the signer signs what is sent and
    // never invents headers other than the ones documented on sign_request.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct SigningParams {
    std::string region;    // "us-east-1"
    std::string service;   // signing name, e.g. "ec2", "route53", "s3"
    std::string amz_date;  // "YYYYMMDDTHHMMSSZ" (UTC), see format_amz_date
    // Resolve "." / ".." / "//" in the path before signing. S3 wants false (keys are literal).
    bool normalize_path = true;
    // Encode the (already encoded) path again, as every service except S3 expects.
    bool double_uri_encode = true;
    // Header signing only: also send and sign x-amz-content-sha256 (S3 requires it).
    bool sign_body = false;
    // Send X-Amz-Security-Token but leave it out of the signature: a few services (and the
    // suites' "sts-header-after" cases) expect the token to be added after signing.
    bool omit_session_token_from_signature = false;
    // Presigned URLs only: how long the URL stays valid (X-Amz-Expires; AWS allows 1..604800).
    std::chrono::seconds expires{3600};
    // Overrides the payload hash, e.g. "UNSIGNED-PAYLOAD" for presigned S3 URLs or streaming
    // bodies. Empty means hex SHA-256 of the body.
    std::string payload_hash;
};

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// "YYYYMMDDTHHMMSSZ" in UTC, truncated to whole seconds.
std::string format_amz_date(std::chrono::system_clock::time_point time);

// "<yyyymmdd>/<region>/<service>/aws4_request".
std::string credential_scope(const SigningParams& params);

// Lower-cased, sorted, ';'-joined names of the headers that canonical_request signs.
std::string signed_headers(const HttpRequest& request, const SigningParams& params);

// The canonical request of `request` exactly as given: it adds nothing, so call it on a request
// already prepared by add_signing_headers or add_presign_params. Signs every header except
// hop-by-hop / proxy-rewritten ones (Authorization, Connection, Expect, Transfer-Encoding,
// User-Agent, X-Amzn-Trace-Id) and, when omitted from the signature, X-Amz-Security-Token.
std::string canonical_request(const HttpRequest& request, const SigningParams& params);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of the canonical request>".
std::string string_to_sign(std::string_view canonical_request, const SigningParams& params);

// The raw 32-byte key derived from the secret, date, region and service. Valid for a whole UTC
// day, so callers signing many requests may cache it.
std::string signing_key(std::string_view secret_access_key, const SigningParams& params);

// Lower-case hex HMAC of the string to sign under the derived signing key.
std::string signature(std::string_view string_to_sign, const Credentials& credentials,
                      const SigningParams& params);

// Sets (replacing any earlier value, in place) X-Amz-Security-Token when there is a token,
// X-Amz-Date, and x-amz-content-sha256 when params.sign_body. Idempotent, so retries re-sign.
void add_signing_headers(HttpRequest& request, const Credentials& credentials,
                         const SigningParams& params);

// The Authorization header value for a request prepared by add_signing_headers.
std::string authorization_header(const HttpRequest& request, const Credentials& credentials,
                                 const SigningParams& params);

// add_signing_headers, then sets Authorization. The usual entry point.
void sign_request(HttpRequest& request, const Credentials& credentials,
                  const SigningParams& params);

// Appends X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires and (unless omitted
// from the signature) -Security-Token to request.query: everything a presigned URL carries
// except the signature. Headers are not touched; the ones present are signed.
void add_presign_params(HttpRequest& request, const Credentials& credentials,
                        const SigningParams& params);

// The complete query string of a presigned URL for `request`: its own query followed by the
// parameters above, the omitted session token if any, and X-Amz-Signature.
std::string presign_query(const HttpRequest& request, const Credentials& credentials,
                          const SigningParams& params);

}  // namespace tidepool::sdk::auth
