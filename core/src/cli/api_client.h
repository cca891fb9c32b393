// ApiClient: the CLI's HTTP client for tidepoold's REST API, on libcurl.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>
#include <vector>
#include <optional>
#include <string>

#include "tidepool/result.h"

namespace tidepool::cli {

struct HttpReply {
    long status = 0;
    std::string body;
};

class ApiClient {
public:
    struct Options {
        std::string base_url;  // "http://127.0.0.1:8470" (a trailing '/' is ignored)
        std::optional<std::string> api_key;
        std::optional<std::string> ca_cert;
        bool insecure = false;  // skip TLS certificate and host name verification
        std::chrono::milliseconds connect_timeout{5000};
        std::chrono::milliseconds timeout{60000};
    };

    explicit ApiClient(Options options);

    // One request; `path` starts with "/api/v1/…". Any HTTP status is a reply. An Error means
    // the daemon was not reached (or TLS failed); its message is ready for the user and
    // names the URL.
    Result<HttpReply> send(const std::string& method, const std::string& path,
                           const std::string* body = nullptr) const;

    // A long-lived GET (server-sent events): on_data gets the body as it arrives, on_idle runs
    // about once a second; either returning false ends the stream (not an error). The reply
    // carries the status and, for a non-2xx answer, its body. An Error: not reached, or the
    // stream broke (a minute without a byte, though the server sends heartbeats).
    struct StreamCallbacks {
        std::function<bool(std::string_view chunk)> on_data;
        std::function<bool()> on_idle;
    };
    Result<HttpReply> stream(const std::string& path, const std::vector<std::string>& headers,
                             const StreamCallbacks& callbacks) const;

    const std::string& base_url() const { return options_.base_url; }

private:
    void apply_tls_options(void* curl) const;  // a CURL*; keeps curl.h out of this header
    Options options_;
};

// Percent-encodes one path segment or query value (ids may contain anything).
std::string url_encode(const std::string& text);

}  // namespace tidepool::cli
