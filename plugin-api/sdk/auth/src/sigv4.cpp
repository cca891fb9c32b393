// Steps 2-4 of SigV4 (string to sign, key derivation, signature) and the two ways of attaching
// the result: headers (Authorization) and query parameters (presigned URLs).
#include "tidepool/sdk/auth/sigv4.h"

#include <ctime>
#include <stdexcept>
#include <string>
#include <utility>

#include "internal.h"
#include "tidepool/sdk/auth/crypto.h"
#include "tidepool/sdk/auth/uri.h"

namespace tidepool::sdk::auth {
namespace {

constexpr std::string_view kScopeTerminator = "aws4_request";
constexpr long long kMaxPresignSeconds = 7 * 24 * 3600;  // AWS rejects longer X-Amz-Expires

bool is_amz_date(std::string_view date) {
    if (date.size() != 16 || date[8] != 'T' || date[15] != 'Z') return false;
    for (std::size_t i = 0; i < 15; ++i) {
        if (i != 8 && (date[i] < '0' || date[i] > '9')) return false;
    }
    return true;
}

// Malformed params would produce a signature AWS rejects with an unhelpful
// "SignatureDoesNotMatch"; failing here names the field instead.
void validate(const SigningParams& params) {
    if (!is_amz_date(params.amz_date)) {
        throw std::invalid_argument("SigningParams.amz_date: \"" + params.amz_date +
                                    "\" is not a UTC time of the form YYYYMMDDTHHMMSSZ "
                                    "(use format_amz_date)");
    }
    if (params.region.empty() || params.service.empty()) {
        throw std::invalid_argument("SigningParams.region and .service must be non-empty (got \"" +
                                    params.region + "\" and \"" + params.service + "\")");
    }
}

// Replaces the first header of that name in place (so re-signing a retried request keeps its
// header order), else appends.
void set_header(HttpRequest& request, std::string_view name, std::string value) {
    for (auto& header : request.headers) {
        if (detail::iequals(header.first, name)) {
            header.second = std::move(value);
            return;
        }
    }
    request.headers.emplace_back(std::string(name), std::move(value));
}

void append_query_param(std::string& query, std::string_view key, std::string_view value) {
    if (!query.empty()) query.push_back('&');
    query.append(key).append("=").append(uri_encode(value, true));
}

std::string credential(const Credentials& credentials, const SigningParams& params) {
    return credentials.access_key_id + "/" + credential_scope(params);
}

bool token_after_signing(const Credentials& credentials, const SigningParams& params) {
    return !credentials.session_token.empty() && params.omit_session_token_from_signature;
}

}  // namespace

std::string format_amz_date(std::chrono::system_clock::time_point time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    const std::size_t length = std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
    return std::string(buffer, length);
}

std::string credential_scope(const SigningParams& params) {
    return params.amz_date.substr(0, 8) + "/" + params.region + "/" + params.service + "/" +
           std::string(kScopeTerminator);
}

std::string string_to_sign(std::string_view canonical_request, const SigningParams& params) {
    validate(params);
    std::string out(kAlgorithm);
    out.append("\n").append(params.amz_date).append("\n");
    out.append(credential_scope(params)).append("\n");
    out.append(hex_sha256(canonical_request));
    return out;
}

std::string signing_key(std::string_view secret_access_key, const SigningParams& params) {
    validate(params);
    std::string key = hmac_sha256("AWS4" + std::string(secret_access_key),
                                  std::string_view(params.amz_date).substr(0, 8));
    key = hmac_sha256(key, params.region);
    key = hmac_sha256(key, params.service);
    return hmac_sha256(key, kScopeTerminator);
}

std::string signature(std::string_view string_to_sign, const Credentials& credentials,
                      const SigningParams& params) {
    return hex_encode(
        hmac_sha256(signing_key(credentials.secret_access_key, params), string_to_sign));
}

void add_signing_headers(HttpRequest& request, const Credentials& credentials,
                         const SigningParams& params) {
    validate(params);
    // Token before date: the order aws-c-auth emits, which its signed-request fixtures pin.
    if (!credentials.session_token.empty()) {
        set_header(request, "X-Amz-Security-Token", credentials.session_token);
    }
    set_header(request, "X-Amz-Date", params.amz_date);
    if (params.sign_body) {
        set_header(request, "x-amz-content-sha256", detail::payload_hash(request, params));
    }
}

std::string authorization_header(const HttpRequest& request, const Credentials& credentials,
                                 const SigningParams& params) {
    const std::string to_sign = string_to_sign(canonical_request(request, params), params);
    return std::string(kAlgorithm) + " Credential=" + credential(credentials, params) +
           ", SignedHeaders=" + signed_headers(request, params) +
           ", Signature=" + signature(to_sign, credentials, params);
}

void sign_request(HttpRequest& request, const Credentials& credentials,
                  const SigningParams& params) {
    add_signing_headers(request, credentials, params);
    set_header(request, "Authorization", authorization_header(request, credentials, params));
}

void add_presign_params(HttpRequest& request, const Credentials& credentials,
                        const SigningParams& params) {
    validate(params);
    const long long expires = params.expires.count();
    if (expires < 1 || expires > kMaxPresignSeconds) {
        throw std::invalid_argument("SigningParams.expires: " + std::to_string(expires) +
                                    " s is outside 1.." + std::to_string(kMaxPresignSeconds));
    }
    const std::string header_names = signed_headers(request, params);
    append_query_param(request.query, "X-Amz-Algorithm", kAlgorithm);
    append_query_param(request.query, "X-Amz-Credential", credential(credentials, params));
    append_query_param(request.query, "X-Amz-Date", params.amz_date);
    append_query_param(request.query, "X-Amz-SignedHeaders", header_names);
    append_query_param(request.query, "X-Amz-Expires", std::to_string(expires));
    if (!credentials.session_token.empty() && !params.omit_session_token_from_signature) {
        append_query_param(request.query, "X-Amz-Security-Token", credentials.session_token);
    }
}

std::string presign_query(const HttpRequest& request, const Credentials& credentials,
                          const SigningParams& params) {
    HttpRequest presigned = request;
    add_presign_params(presigned, credentials, params);
    const std::string to_sign = string_to_sign(canonical_request(presigned, params), params);
    const std::string sig = signature(to_sign, credentials, params);
    if (token_after_signing(credentials, params)) {
        append_query_param(presigned.query, "X-Amz-Security-Token", credentials.session_token);
    }
    append_query_param(presigned.query, "X-Amz-Signature", sig);
    return std::move(presigned.query);
}

}  // namespace tidepool::sdk::auth
