// Internal: conversions between Beast messages and the Boost-free Request/Response types, kept
// out of the connection template so they compile once.
#pragma once

#include <optional>
#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/request.h"
#include "http/response.h"

namespace tidepool::http::detail {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Fills method, target, path, query and headers from a parsed head. nullopt when the target is
// not a valid origin-form path (bad escape, absolute URL, "*").
std::optional<Request> request_from_head(const BeastRequest& head);

// The request id to use: the client's X-Request-Id when acceptable, else a new one.
std::string pick_request_id(const Request& request);

// A complete response with Content-Type, Content-Length, X-Request-Id and Connection set.
BeastResponse to_beast(Response response, const std::string& request_id, bool keep_alive,
                       unsigned version);

// The status line and headers that open an event stream (the body is then delimited by
// the connection closing, as SSE expects).
std::string event_stream_head(const Response& head, const std::string& request_id);

}  // namespace tidepool::http::detail
