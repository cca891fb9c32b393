// Structured logs: one JSON object per line on stderr, so operators can ship them as they are.
// Every line caused by an API request (its access line, the refusals of its key, and what the
// runtime and the plugins log while working for it) carries that request's "request_id".
#pragma once

#include <mutex>
#include <string>

#include "http/server.h"

namespace tidepool::daemon {

class Logger {
public:
    // level: debug, info, warn, error. request_id: the API request the line is about (the
    // access log's and the X-Request-Id header's), "" when none; call_id: the provider call's
    // own id (a plugin's idempotency key), for plugin log lines.
    void log(const std::string& level, const std::string& message,
             const std::string& request_id = "", const std::string& call_id = "");
    void access(const http::AccessLogEntry& entry);

private:
    void write_line(const std::string& line);
    std::mutex mu_;
};

}  // namespace tidepool::daemon
