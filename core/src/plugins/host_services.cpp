// The C side of the host services: thunks from the tp_*_svc tables to HostServices. Each one
// is noexcept in spirit: an exception must never unwind into plugin code.
#include "plugins/host_services.h"

#include <cstring>
#include <string_view>

#include <tidepool/entry.h>
#include <tidepool/error.h>

namespace tidepool::plugins {

namespace {

std::string to_string(tp_str s) {
    return s.ptr && s.len ? std::string(s.ptr, static_cast<size_t>(s.len)) : std::string();
}

void log_write(void* ctx, int32_t level, tp_str request_id, tp_str message) {
    auto* host = static_cast<const PluginHost*>(ctx);
    try {
        if (host->services().log) {
            host->services().log(
                LogRecord{level, host->plugin_id(), to_string(request_id), to_string(message)});
        }
    } catch (...) {
        // A failing log sink must not take the plugin's call down with it.
    }
}

int32_t http_send(void* ctx, const tp_call_ctx* call, const tp_http_request* request,
                  const tp_http_response_sink* sink, tp_error* err) {
    auto* host = static_cast<const PluginHost*>(ctx);
    if (!request || request->struct_size < sizeof(tp_http_request) || !sink) {
        return tp_error_set(err, TP_ERR_INTERNAL, "plugin passed a short tp_http_request");
    }
    return host->services().http->send(call, *request, *sink, err);
}

int64_t clock_now(void* ctx) {
    return static_cast<const PluginHost*>(ctx)->services().clock->now_unix_ms();
}

int32_t clock_sleep(void* ctx, const tp_call_ctx* call, int64_t ms) {
    try {
        return static_cast<const PluginHost*>(ctx)->services().clock->sleep_ms(call, ms);
    } catch (...) {
        return TP_ERR_INTERNAL;
    }
}

const void* get_service(const tp_host* host, const char* service_id) {
    if (!host || !service_id) return nullptr;
    auto* self = static_cast<const PluginHost*>(host->host_data);
    return self->service(service_id);
}

}  // namespace

std::shared_ptr<const HostServices> with_defaults(HostServices services) {
    if (!services.log) services.log = [](const LogRecord&) {};
    if (!services.clock) services.clock = make_real_clock();
    if (!services.http) services.http = make_curl_http_client(services.clock);
    return std::make_shared<const HostServices>(std::move(services));
}

PluginHost::PluginHost(std::shared_ptr<const HostServices> services, std::string plugin_id)
    : services_(std::move(services)), plugin_id_(std::move(plugin_id)) {
    host_ = tp_host{sizeof(tp_host),
                    TP_ABI_MAJOR,
                    TP_ABI_MINOR,
                    0,
                    services_->host_name.c_str(),
                    services_->host_version.c_str(),
                    this,
                    &get_service};
    log_ = tp_log_svc{sizeof(tp_log_svc), 0, this, &log_write};
    http_ = tp_http_svc{sizeof(tp_http_svc), 0, this, &http_send};
    clock_ = tp_clock_svc{sizeof(tp_clock_svc), 0, this, &clock_now, &clock_sleep};
}

const void* PluginHost::service(const char* id) const {
    if (std::strcmp(id, TP_SVC_LOG_ID) == 0) return &log_;
    if (std::strcmp(id, TP_SVC_HTTP_ID) == 0) return &http_;
    if (std::strcmp(id, TP_SVC_CLOCK_ID) == 0) return &clock_;
    return nullptr;
}

}  // namespace tidepool::plugins
