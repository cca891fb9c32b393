#include "transport.h"

#include <chrono>

#include <tidepool/sdk/auth/sigv4.h>
#include <tidepool/sdk/aws/errors.h>
#include <tidepool/sdk/error.hpp>

namespace tidepool::aws {

namespace {

// Splits "scheme://host[:port][/prefix]" into host and path prefix; throws on anything else.
void split_url(const std::string& url, std::string& host, std::string& prefix) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos || (url.compare(0, scheme, "http") != 0 &&
                                        url.compare(0, scheme, "https") != 0)) {
        throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                 "config field /endpoint_url must be an http:// or https:// URL, "
                                 "got \"" + url + "\"",
                                 "/endpoint_url");
    }
    size_t slash = url.find('/', scheme + 3);
    host = url.substr(scheme + 3, slash == std::string::npos ? std::string::npos
                                                             : slash - scheme - 3);
    prefix = slash == std::string::npos ? "" : url.substr(slash);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (host.empty()) {
        throw sdk::ProviderError(TP_ERR_INVALID_CONFIG,
                                 "config field /endpoint_url has no host: \"" + url + "\"",
                                 "/endpoint_url");
    }
}

}  // namespace

AwsTransport::AwsTransport(const Connection& connection, std::string service,
                           std::string signing_region, std::string base_url, FieldHint hint)
    : credentials_(connection),
      service_(std::move(service)),
      signing_region_(std::move(signing_region)),
      base_url_(std::move(base_url)),
      ca_file_(connection.ca_file),
      hint_(std::move(hint)) {
    split_url(base_url_, host_, path_prefix_);
    origin_ = base_url_.substr(0, base_url_.find("://") + 3 + host_.size());
}

sdk::HttpResponse AwsTransport::send(const sdk::Call& call, const AwsRequest& request) {
    const ResolvedCredentials& creds = credentials_.get(call);
    sdk::auth::HttpRequest signable;
    signable.method = request.method;
    signable.path = path_prefix_ + request.path;
    signable.query = request.query;
    signable.headers = {{"Host", host_}};
    if (!request.content_type.empty()) signable.headers.emplace_back("Content-Type",
                                                                      request.content_type);
    for (const auto& header : request.headers) signable.headers.push_back(header);
    signable.body = request.body;
    sdk::auth::SigningParams params;
    params.region = signing_region_;
    params.service = service_;
    params.amz_date = sdk::auth::format_amz_date(std::chrono::system_clock::time_point(
        std::chrono::milliseconds(sdk::host().now_ms())));
    sdk::auth::sign_request(signable, creds.keys, params);

    sdk::HttpRequest http;
    http.method = request.method;
    http.url = origin_ + signable.path + (request.query.empty() ? "" : "?" + request.query);
    for (const auto& header : signable.headers) {
        if (header.first != "Host") http.headers.push_back(header);  // the host sets Host itself
    }
    http.body = request.body;
    http.ca_file = ca_file_;
    sdk::HttpResponse response = sdk::host().http(http, call);
    if (response.status < 200 || response.status >= 300) fail(request, response);
    return response;
}

void AwsTransport::fail(const AwsRequest& request, const sdk::HttpResponse& response) const {
    auto error = sdk::aws::parse_error(response.body);
    std::string code = error ? error->code : "";
    auto cls = sdk::aws::classify_error(code, response.status, response.header("Retry-After"));
    std::string what = error ? code + ": " + error->message
                             : "HTTP " + std::to_string(response.status) + " without an AWS error";
    std::string field = cls.status == TP_ERR_INVALID_CONFIG && hint_ && error
                            ? hint_(code, error->message)
                            : std::string();
    std::string request_id = error && !error->request_id.empty()
                                 ? " (request id " + error->request_id + ")"
                                 : std::string();
    throw sdk::ProviderError(cls.status,
                             service_ + " " + request.operation + " failed: " + what +
                                 (field.empty() ? "" : " (check config field " + field + ")") +
                                 request_id,
                             field, code, cls.retry_after_ms);
}

}  // namespace tidepool::aws
