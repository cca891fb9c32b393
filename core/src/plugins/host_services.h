// What the core offers plugins (log, HTTP, clock) and the tp_host one plugin is handed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <tidepool/host.h>
#include <tidepool/svc/clock.h>
#include <tidepool/svc/http.h>
#include <tidepool/svc/log.h>

#include "plugins/clock.h"
#include "plugins/http_client.h"

namespace tidepool::plugins {

struct LogRecord {
    int32_t level = TP_LOG_INFO;  // TP_LOG_*
    std::string plugin_id;        // empty for the loader's own lines
    std::string request_id;       // may be empty
    std::string message;
};

using LogSink = std::function<void(const LogRecord&)>;

// The services shared by every plugin a registry loads. Unset members get defaults (a log
// sink that drops lines, the real clock, libcurl) when the registry is built.
struct HostServices {
    LogSink log;
    std::shared_ptr<Clock> clock;
    std::shared_ptr<HttpClient> http;
    std::string host_name = "tidepoold";
    std::string host_version = "0.1.0";
};

// Fills the unset members of services with the defaults above.
std::shared_ptr<const HostServices> with_defaults(HostServices services);

// The tp_host for one plugin: its service tables tag log lines with the plugin id. Pointers
// into this object are handed to the plugin, so it never moves and lives until after deinit.
class PluginHost {
public:
    PluginHost(std::shared_ptr<const HostServices> services, std::string plugin_id);
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    const tp_host* get() const { return &host_; }
    const HostServices& services() const { return *services_; }
    const std::string& plugin_id() const { return plugin_id_; }
    // The table for a TP_SVC_*_ID, or nullptr for a service this host does not offer.
    const void* service(const char* id) const;

private:
    std::shared_ptr<const HostServices> services_;
    std::string plugin_id_;
    tp_host host_{};
    tp_log_svc log_{};
    tp_http_svc http_{};
    tp_clock_svc clock_{};
};

}  // namespace tidepool::plugins
