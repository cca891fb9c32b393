// The host HTTP service on libcurl: one easy handle per request (plugins call from many worker
// threads; connection reuse can come later without touching the ABI), the call's deadline as
// the transfer timeout, and cancellation through the progress callback.
#include <curl/curl.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "plugins/http_client.h"

namespace tidepool::plugins {

namespace {

std::string_view view(tp_str s) {
    return s.ptr && s.len ? std::string_view(s.ptr, static_cast<size_t>(s.len)) : "";
}

// Pre-signed URLs carry credentials in the query, and error messages end up in logs.
std::string loggable_url(std::string_view url) { return std::string(url.substr(0, url.find('?'))); }

struct Transfer {
    const tp_call_ctx* call = nullptr;
    Clock* clock = nullptr;
    const tp_http_response_sink* sink = nullptr;
    bool in_interim_response = false;  // inside a 1xx block whose headers are not the answer
    int32_t aborted_with = 0;          // TP_ERR_CANCELLED / TP_ERR_TIMEOUT from the progress hook
};

size_t on_header(char* data, size_t size, size_t count, void* ctx) {
    auto* t = static_cast<Transfer*>(ctx);
    std::string_view line(data, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.starts_with("HTTP/")) {
        size_t space = line.find(' ');
        int code = space == std::string_view::npos ? 0 : std::atoi(line.data() + space + 1);
        t->in_interim_response = code >= 100 && code < 200;
        if (!t->in_interim_response && t->sink->on_status) t->sink->on_status(t->sink->ctx, code);
        return size * count;
    }
    size_t colon = line.find(':');
    if (t->in_interim_response || colon == std::string_view::npos || !t->sink->on_header) {
        return size * count;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    std::string_view name = line.substr(0, colon);
    t->sink->on_header(t->sink->ctx, tp_str{name.data(), name.size()},
                       tp_str{value.data(), value.size()});
    return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* ctx) {
    auto* t = static_cast<Transfer*>(ctx);
    if (t->sink->on_body) t->sink->on_body(t->sink->ctx, tp_str{data, size * count});
    return size * count;
}

int on_progress(void* ctx, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(ctx);
    t->aborted_with = call_state(t->call, t->clock->now_unix_ms());
    return t->aborted_with != TP_OK ? 1 : 0;
}

curl_slist* header_list(const tp_kv_list& headers) {
    curl_slist* list = nullptr;
    for (uint64_t i = 0; headers.items && i < headers.count; ++i) {
        std::string_view value = view(headers.items[i].value);
        // "Name;" is curl's spelling of a header sent with an empty value.
        std::string line = std::string(view(headers.items[i].key)) +
                           (value.empty() ? ";" : ": " + std::string(value));
        list = curl_slist_append(list, line.c_str());
    }
    return list;
}

void set_request(CURL* h, const std::string& url, const std::string& method,
                 const tp_http_request& request, curl_slist* headers, const std::string& ca_file,
                 int64_t budget_ms) {
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "HEAD") curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    if (request.body.len > 0) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.ptr);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.len));
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L);
    if (!ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, ca_file.c_str());
    if (budget_ms < std::numeric_limits<long>::max()) {
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(budget_ms));
    }
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM-based timeouts
}

void set_callbacks(CURL* h, Transfer& t, char* error_buffer) {
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
}

int32_t status_for(CURLcode code, const Transfer& t) {
    switch (code) {
        case CURLE_OK:
            return TP_OK;
        case CURLE_ABORTED_BY_CALLBACK:
            return t.aborted_with ? t.aborted_with : TP_ERR_CANCELLED;
        case CURLE_OPERATION_TIMEDOUT:
            return TP_ERR_TIMEOUT;
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            return TP_ERR_INVALID_CONFIG;
        default:
            return TP_ERR_UNAVAILABLE;
    }
}

class CurlHttpClient final : public HttpClient {
public:
    explicit CurlHttpClient(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    }

    int32_t send(const tp_call_ctx* call, const tp_http_request& request,
                 const tp_http_response_sink& sink, tp_error* err) noexcept override {
        try {
            return perform(call, request, sink, err);
        } catch (const std::exception& e) {
            return tp_error_set(err, TP_ERR_INTERNAL, e.what());
        }
    }

private:
    // Milliseconds the transfer may take: the request's own limit, capped by the deadline.
    int64_t time_budget(const tp_call_ctx* call, int64_t request_timeout_ms) const {
        int64_t budget =
            request_timeout_ms > 0 ? request_timeout_ms : std::numeric_limits<int64_t>::max();
        if (call && call->deadline_unix_ms > 0) {
            budget = std::min(budget, call->deadline_unix_ms - clock_->now_unix_ms());
        }
        return budget;
    }

    int32_t perform(const tp_call_ctx* call, const tp_http_request& request,
                    const tp_http_response_sink& sink, tp_error* err) {
        std::string url(view(request.url));
        std::string method(view(request.method).empty() ? "GET" : view(request.method));
        if (!url.starts_with("http://") && !url.starts_with("https://")) {
            return tp_error_set(err, TP_ERR_INVALID_CONFIG,
                                fmt::format("not an http(s) URL: {}", loggable_url(url)).c_str());
        }
        int64_t budget = time_budget(call, request.timeout_ms);
        if (budget <= 0) return tp_error_set(err, TP_ERR_TIMEOUT, "deadline passed before sending");
        if (int32_t state = call_state(call, clock_->now_unix_ms()); state != TP_OK) {
            return tp_error_set(err, state, "call ended before sending");
        }
        Transfer t{call, clock_.get(), &sink, false, 0};
        std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
        std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(header_list(request.headers),
                                                                   curl_slist_free_all);
        char curl_error[CURL_ERROR_SIZE] = {0};
        CURL* h = curl.get();
        std::string ca_file(view(request.ca_file));
        set_request(h, url, method, request, headers.get(), ca_file, budget);
        set_callbacks(h, t, curl_error);
        CURLcode code = curl_easy_perform(h);
        int32_t status = status_for(code, t);
        if (status == TP_OK) return TP_OK;
        std::string why = curl_error[0] ? curl_error : curl_easy_strerror(code);
        return tp_error_set(err, status,
                            fmt::format("{} {}: {}", method, loggable_url(url), why).c_str());
    }

    std::shared_ptr<Clock> clock_;
};

}  // namespace

std::shared_ptr<HttpClient> make_curl_http_client(std::shared_ptr<Clock> clock) {
    return std::make_shared<CurlHttpClient>(std::move(clock));
}

}  // namespace tidepool::plugins
