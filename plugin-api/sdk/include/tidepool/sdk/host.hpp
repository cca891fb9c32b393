// C++ access to the host services a plugin receives in init(): HTTP, log and clock.
//
// The SDK's default init() stores one HostServices in host() for the whole plugin. Every method
// works when the host lacks a service: log() drops the line, now_ms()/sleep_ms() use the system
// clock, http() throws TP_ERR_INTERNAL (a plugin that needs HTTP should refuse in init).
#pragma once

#include <tidepool/host.h>
#include <tidepool/svc/clock.h>
#include <tidepool/svc/http.h>
#include <tidepool/svc/log.h>
#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/strings.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace tidepool::sdk {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    KeyValues headers;  // sent in order
    std::string body;
    int64_t timeout_ms = 0;  // 0: up to the call's deadline
    bool verify_tls = true;
    std::string ca_file;  // optional PEM bundle
};

struct HttpResponse {
    int32_t status = 0;
    KeyValues headers;  // in arrival order, names as sent by the server
    std::string body;

    // The first header called name (ASCII case-insensitive), or "".
    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key.size() != name.size()) continue;
            bool same = true;
            for (size_t i = 0; i < key.size() && same; ++i) {
                same = lower(key[i]) == lower(name[i]);
            }
            if (same) return value;
        }
        return {};
    }

private:
    static char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
};

class HostServices {
public:
    HostServices() = default;
    explicit HostServices(const tp_host* host) {
        if (!host || !host->get_service) return;
        log_ = usable<tp_log_svc>(host->get_service(host, TP_SVC_LOG_ID));
        http_ = usable<tp_http_svc>(host->get_service(host, TP_SVC_HTTP_ID));
        clock_ = usable<tp_clock_svc>(host->get_service(host, TP_SVC_CLOCK_ID));
    }

    bool has_http() const { return http_ && http_->send; }

    void log(int32_t level, std::string_view message, Call call = Call()) const {
        if (log_ && log_->write)
            log_->write(log_->ctx, level, to_tp(call.request_id()), to_tp(message));
    }

    int64_t now_ms() const {
        if (clock_ && clock_->now_unix_ms) return clock_->now_unix_ms(clock_->ctx);
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }

    // Waits ms; throws TP_ERR_CANCELLED / TP_ERR_TIMEOUT when the call ends first.
    void sleep_ms(int64_t ms, Call call = Call()) const {
        if (clock_ && clock_->sleep_ms) {
            int32_t status = clock_->sleep_ms(clock_->ctx, call.get(), ms);
            if (status != TP_OK) throw ProviderError(status, "wait interrupted by the host");
            return;
        }
        call.check(now_ms());
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    }

    // Sends one request through the host. Any HTTP status is a response; transport failures
    // throw a ProviderError with the host's status (unavailable, timeout, cancelled, ...).
    HttpResponse http(const HttpRequest& request, Call call = Call()) const {
        if (!has_http()) throw ProviderError(TP_ERR_INTERNAL, "the host offers no HTTP service");
        KvList headers(request.headers);
        tp_http_request req{};
        req.struct_size = sizeof req;
        req.verify_tls = request.verify_tls ? 1 : 0;
        req.method = to_tp(request.method);
        req.url = to_tp(request.url);
        req.headers = headers.get();
        req.body = to_tp(request.body);
        req.timeout_ms = request.timeout_ms;
        req.ca_file = to_tp(request.ca_file);
        Collector collector;
        tp_http_response_sink sink{&collector, &on_status, &on_header, &on_body};
        tp_error err{};
        err.struct_size = sizeof err;
        int32_t status = http_->send(http_->ctx, call.get(), &req, &sink, &err);
        if (status != TP_OK) throw ProviderError(status, err.message, {}, err.provider_code);
        if (collector.failed)
            throw ProviderError(TP_ERR_INTERNAL, "out of memory reading a response");
        return std::move(collector.response);
    }

private:
    // A table is usable only if it is at least as large as the v1.0 one this SDK reads.
    template <class Table>
    static const Table* usable(const void* table) {
        auto* t = static_cast<const Table*>(table);
        return t && t->struct_size >= sizeof(Table) ? t : nullptr;
    }
    // The sink callbacks run inside the host's C code, so they must not throw.
    struct Collector {
        HttpResponse response;
        bool failed = false;
    };
    static void on_status(void* ctx, int32_t status) noexcept {
        static_cast<Collector*>(ctx)->response.status = status;
    }
    static void on_header(void* ctx, tp_str name, tp_str value) noexcept {
        auto* c = static_cast<Collector*>(ctx);
        try {
            c->response.headers.emplace_back(to_string(name), to_string(value));
        } catch (...) {
            c->failed = true;
        }
    }
    static void on_body(void* ctx, tp_str chunk) noexcept {
        auto* c = static_cast<Collector*>(ctx);
        try {
            c->response.body.append(view(chunk));
        } catch (...) {
            c->failed = true;
        }
    }

    const tp_log_svc* log_ = nullptr;
    const tp_http_svc* http_ = nullptr;
    const tp_clock_svc* clock_ = nullptr;
};

// The plugin-wide HostServices the SDK's init() fills; one per plugin (hidden visibility).
inline HostServices& host() {
    static HostServices services;
    return services;
}

}  // namespace tidepool::sdk
