// Request: one parsed HTTP request as a route handler sees it. Plain value, no Boost types, so
// handlers (and their tests) build without Beast.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/headers.h"

namespace tidepool::http {

struct Request {
    std::string method;  // upper case as sent: "GET", "POST", ...
    std::string target;  // raw request target, e.g. "/api/v1/servers?pool=p1"
    std::string path;    // percent-decoded path without the query, e.g. "/api/v1/servers"
    std::map<std::string, std::string> query;        // decoded; a repeated key keeps its last value
    std::map<std::string, std::string> path_params;  // from "{name}" segments of the route
    Headers headers;
    std::string body;
    std::string route;           // the matched route pattern, e.g. "/api/v1/pools/{id}"
    std::string remote_address;  // peer IP address, e.g. "127.0.0.1"
    std::uint16_t remote_port = 0;
    std::string request_id;  // the client's X-Request-Id when acceptable, otherwise generated
    bool tls = false;        // arrived over TLS

    // A path parameter by name; empty when the route has no such parameter.
    std::string_view param(std::string_view name) const;
    // A query parameter by name, or nullopt when absent.
    std::optional<std::string_view> query_param(std::string_view name) const;
    // A header by name (any case), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
};

}  // namespace tidepool::http
