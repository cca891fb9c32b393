// Reads and writes the raw HTTP/1.1 text the SigV4 suites use for requests and signed requests.
// Test-only: real plugins hand structured requests to the host's HTTP service.
#pragma once

#include <tidepool/sdk/auth/sigv4.h>

#include <string>
#include <string_view>

namespace tidepool::test {

// "METHOD target HTTP/1.1", then "Name:value" lines, then optionally a blank line and the body.
// A line starting with a space or tab continues the previous header; the value keeps the line
// break verbatim so the request can be written back byte for byte. The target may contain raw
// spaces (get-space), so the method ends at the first space and the version starts at the last.
// Throws std::runtime_error on malformed input.
sdk::auth::HttpRequest parse_raw_request(std::string_view text);

// aws-c-auth *-signed-request.txt layout: every line ends in '\n', then a blank line, then the
// body (the blank line is there even when the body is empty).
std::string write_aws_c_auth_request(const sdk::auth::HttpRequest& request);

// botocore .sreq layout: lines joined by '\n' with no final newline, "\n\n<body>" only when there
// is a body, and "Authorization: " written with a space (every other header has none).
std::string write_botocore_request(const sdk::auth::HttpRequest& request);

}  // namespace tidepool::test
