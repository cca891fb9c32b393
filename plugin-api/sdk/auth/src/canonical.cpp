// Step 1 of SigV4: the canonical request. Every rule here is pinned by a suite case named after
// it (get-header-value-trim, get-vanilla-query-order-key, get-slashes-normalized, ...).
#include <algorithm>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "internal.h"
#include "tidepool/sdk/auth/crypto.h"
#include "tidepool/sdk/auth/sigv4.h"
#include "tidepool/sdk/auth/uri.h"

namespace tidepool::sdk::auth {
namespace {

// Headers that proxies and HTTP stacks add, drop or rewrite in transit (or that carry the
// signature itself); signing them would make otherwise valid requests fail verification.
constexpr std::string_view kUnsignedHeaders[] = {
    "authorization", "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
};

constexpr std::string_view kSecurityTokenHeader = "x-amz-security-token";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string to_lower_trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Trims the value and collapses every whitespace run to one space. Folded (multi-line) values
// arrive with their line breaks, which count as whitespace; quotes get no special treatment.
std::string canonical_header_value(std::string_view raw) {
    std::string out;
    bool pending_space = false;
    for (char c : raw) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

bool is_signed_header(std::string_view lower_name, const SigningParams& params) {
    if (lower_name == kSecurityTokenHeader && params.omit_session_token_from_signature) {
        return false;
    }
    return std::find(std::begin(kUnsignedHeaders), std::end(kUnsignedHeaders), lower_name) ==
           std::end(kUnsignedHeaders);
}

// Lower-cased name -> canonical value; repeated names are joined with ',' in send order.
// std::map gives the byte-wise name order SigV4 asks for.
std::map<std::string, std::string> canonical_headers(const HttpRequest& request,
                                                     const SigningParams& params) {
    std::map<std::string, std::string> out;
    for (const auto& header : request.headers) {
        std::string name = to_lower_trimmed(header.first);
        if (!is_signed_header(name, params)) continue;
        std::string value = canonical_header_value(header.second);
        auto inserted = out.try_emplace(std::move(name), value);
        if (!inserted.second) inserted.first->second.append(",").append(value);
    }
    return out;
}

// Decodes then re-encodes each key and value, so "%E1%88%B4" and raw UTF-8 sign the same, then
// sorts by key and, for repeated keys, by value. A parameter without '=' has an empty value.
std::string canonical_query(std::string_view raw) {
    std::vector<std::pair<std::string, std::string>> params;
    while (!raw.empty()) {
        std::size_t amp = raw.find('&');
        std::string_view item = raw.substr(0, amp);
        raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
        if (item.empty()) continue;  // "a=1&&b=2": nothing was sent between the '&'s
        std::size_t eq = item.find('=');
        std::string_view key = item.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
        params.emplace_back(uri_encode(percent_decode(key), true),
                            uri_encode(percent_decode(value), true));
    }
    std::sort(params.begin(), params.end());
    std::string out;
    for (const auto& param : params) {
        if (!out.empty()) out.push_back('&');
        out.append(param.first).append("=").append(param.second);
    }
    return out;
}

std::string canonical_path(const HttpRequest& request, const SigningParams& params) {
    std::string path = request.path.empty() ? std::string("/") : request.path;
    if (params.normalize_path) path = normalize_path(path);
    return params.double_uri_encode ? uri_encode(path, false) : path;
}

std::string join_names(const std::map<std::string, std::string>& headers) {
    std::string out;
    for (const auto& header : headers) {
        if (!out.empty()) out.push_back(';');
        out.append(header.first);
    }
    return out;
}

}  // namespace

std::string signed_headers(const HttpRequest& request, const SigningParams& params) {
    return join_names(canonical_headers(request, params));
}

std::string canonical_request(const HttpRequest& request, const SigningParams& params) {
    const auto headers = canonical_headers(request, params);
    std::string out;
    out.append(request.method).append("\n");
    out.append(canonical_path(request, params)).append("\n");
    out.append(canonical_query(request.query)).append("\n");
    for (const auto& header : headers) {
        out.append(header.first).append(":").append(header.second).append("\n");
    }
    out.append("\n");
    out.append(join_names(headers)).append("\n");
    out.append(detail::payload_hash(request, params));
    return out;
}

namespace detail {

bool iequals(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [&](char x, char y) { return lower(x) == lower(y); });
}

std::string payload_hash(const HttpRequest& request, const SigningParams& params) {
    return params.payload_hash.empty() ? hex_sha256(request.body) : params.payload_hash;
}

}  // namespace detail
}  // namespace tidepool::sdk::auth
