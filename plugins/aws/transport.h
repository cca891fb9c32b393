// One signed AWS request through the host's HTTP service, and the classification of a failed
// answer into a ProviderError the host acts on (capacity, retry with a hint, denied, ...).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/host.hpp>

#include "aws_config.h"
#include "credentials.h"

namespace tidepool::aws {

struct AwsRequest {
    std::string operation;  // for messages: "RunInstances"
    std::string method;
    std::string path;   // percent-encoded, as sent
    std::string query;  // raw, without '?'
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string content_type;
};

// Maps an AWS error code (and its message) to the config field most likely at fault, or "".
using FieldHint = std::function<std::string(const std::string& code, const std::string& message)>;

class AwsTransport {
public:
    // base_url: "https://ec2.us-east-1.amazonaws.com" or an override such as
    // "http://127.0.0.1:8080" (a path prefix is kept).
    AwsTransport(const Connection& connection, std::string service, std::string signing_region,
                 std::string base_url, FieldHint hint = {});

    // Sends request signed with the chain's current keys. Returns 2xx responses; throws
    // ProviderError for anything else, classified by sdk::aws::classify_error.
    sdk::HttpResponse send(const sdk::Call& call, const AwsRequest& request);

    const std::string& base_url() const { return base_url_; }

private:
    [[noreturn]] void fail(const AwsRequest& request, const sdk::HttpResponse& response) const;

    CredentialChain credentials_;
    std::string service_;
    std::string signing_region_;
    std::string base_url_;
    std::string origin_;  // scheme://host[:port]
    std::string host_;
    std::string path_prefix_;
    std::string ca_file_;
    FieldHint hint_;
};

}  // namespace tidepool::aws
