// Request ids tie a client's call to the server's log lines and to provider calls.
#pragma once

#include <string>
#include <string_view>

namespace tidepool::http {

// True for ids worth echoing: 1–128 characters of [A-Za-z0-9._:-]. Anything else (spaces,
// control characters, huge values) would let a client inject into logs, so it is replaced.
bool acceptable_request_id(std::string_view id);

// A fresh random id: 16 lower-case hex characters.
std::string generate_request_id();

}  // namespace tidepool::http
