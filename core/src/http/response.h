// Response: what a handler answers, plus the helpers that render JSON bodies and the API's one
// error shape. Plain value, no Boost types.
#pragma once

#include <string>

#include "http/headers.h"
#include "tidepool/result.h"

namespace tidepool::http {

struct Response {
    int status = 200;
    Headers headers;  // extra headers; Content-Type comes from content_type
    std::string body;
    std::string content_type = "application/json";
};

// A JSON response; `body` must already be serialised JSON.
Response json_response(int status, std::string body);

// A plain-text response (used for non-API endpoints such as health probes).
Response text_response(int status, std::string body);

// The HTTP status an ErrorCode maps to. One table for the whole API so clients can rely on it:
//
//   ErrorCode        HTTP  why
//   invalid          400   the request (body, query, path) is wrong; `field` names the culprit
//   unauthenticated  401   no or bad credentials (also sets WWW-Authenticate: Bearer)
//   denied           403   credentials are fine but not allowed to do this
//   not_found        404   no such object
//   conflict         409   already exists, or the object's state forbids the change
//   too_large        413   the request body exceeds the limit
//   capacity         503   providers are out of capacity/quota now; retrying later may work
//   unavailable      503   transient (store busy, shutting down); retry later
//   timeout          504   a downstream (provider, store) did not answer in time
//   cancelled        503   the operation was cancelled (shutdown or deadline); retry later
//   internal         500   a bug or an unexpected state
int http_status(ErrorCode code);

// {"error":{"code":"<to_string(code)>","message":"…","field":"<JSON pointer>"}}, with "field"
// omitted when empty, and the status from http_status().
Response error_response(const Error& error);

// The standard reason phrase for a status ("Not Found"), or "" when unknown.
const char* reason_phrase(int status);

}  // namespace tidepool::http
