// Structured logs: one JSON object per line on stderr, so operators can ship them as they are.
#pragma once

#include <mutex>
#include <string>

#include "http/server.h"

namespace tidepool::daemon {

class Logger {
public:
    // level: debug, info, warn, error.
    void log(const std::string& level, const std::string& message,
             const std::string& request_id = "");
    void access(const http::AccessLogEntry& entry);

private:
    void write_line(const std::string& line);
    std::mutex mu_;
};

}  // namespace tidepool::daemon
