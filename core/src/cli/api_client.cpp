#include "cli/api_client.h"

#include <memory>
#include <mutex>
#include <string_view>

#include <curl/curl.h>

#ifndef TIDEPOOL_VERSION
#define TIDEPOOL_VERSION "0.0.0"
#endif

namespace tidepool::cli {
namespace {

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

// curl_global_init is not thread-safe; do it once, before the first handle.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_unreachable(CURLcode code) {
    return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
           code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_OPERATION_TIMEDOUT ||
           code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING;
}

Error transport_error(CURLcode code, const char* detail, const std::string& url) {
    std::string what = detail[0] != '\0' ? detail : curl_easy_strerror(code);
    if (is_unreachable(code)) {
        return make_error(ErrorCode::unavailable, "cannot reach tidepoold at " + url + ": " +
                                                      what +
                                                      "; is it running? (set --url or "
                                                      "TIDEPOOL_URL)");
    }
    return make_error(ErrorCode::unavailable,
                      "request to tidepoold at " + url + " failed: " + what +
                          (url.rfind("https://", 0) == 0 ? " (for a private CA, set --ca-file)"
                                                         : ""));
}

}  // namespace

std::string url_encode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out.push_back(c);
            continue;
        }
        auto byte = static_cast<unsigned char>(c);
        out += '%';
        out += kHex[byte >> 4];
        out += kHex[byte & 0x0F];
    }
    return out;
}

ApiClient::ApiClient(Options options) : options_(std::move(options)) {
    while (!options_.base_url.empty() && options_.base_url.back() == '/') {
        options_.base_url.pop_back();
    }
    init_curl_once();
}

Result<HttpReply> ApiClient::send(const std::string& method, const std::string& path,
                                  const std::string* body) const {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error(ErrorCode::internal, "cannot initialise libcurl");
    HttpReply reply;
    char detail[CURL_ERROR_SIZE] = {};
    std::string url = options_.base_url + path;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tidepool/" TIDEPOOL_VERSION);
    apply_tls_options(c);
    curl_slist* raw = nullptr;
    raw = curl_slist_append(raw, "Accept: application/json");
    raw = curl_slist_append(raw, "Expect:");  // no 100-continue round trip for uploads
    std::string auth;
    if (options_.api_key) {
        auth = "Authorization: Bearer " + *options_.api_key;
        raw = curl_slist_append(raw, auth.c_str());
    }
    if (body) {
        raw = curl_slist_append(raw, "Content-Type: application/json");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    if (!body && method == "POST") {
        // An empty POST still says Content-Length: 0, which strict servers and proxies want.
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L);
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers(raw);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) return transport_error(code, detail, options_.base_url);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

// Every transfer verifies (or, with --insecure, skips verifying) the daemon's certificate the
// same way: requests and event streams share this, so no command can ignore the TLS options.
void ApiClient::apply_tls_options(void* curl) const {
    CURL* c = static_cast<CURL*>(curl);
    if (options_.ca_cert) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_cert->c_str());
    if (options_.insecure) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
}

namespace {

struct StreamState {
    CURL* curl = nullptr;
    const ApiClient::StreamCallbacks* callbacks = nullptr;
    long status = 0;
    std::string error_body{};  // the body of a non-2xx answer
    bool stopped = false;    // a callback asked to stop: not an error
};

size_t stream_data(char* data, size_t size, size_t count, void* user) {
    auto* s = static_cast<StreamState*>(user);
    if (s->status == 0) curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &s->status);
    if (s->status < 200 || s->status >= 300) {
        s->error_body.append(data, size * count);
        return size * count;
    }
    if (!s->callbacks->on_data(std::string_view(data, size * count))) {
        s->stopped = true;
        return 0;  // aborts the transfer
    }
    return size * count;
}

int stream_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* s = static_cast<StreamState*>(user);
    if (s->callbacks->on_idle && !s->callbacks->on_idle()) {
        s->stopped = true;
        return 1;
    }
    return 0;
}

}  // namespace

Result<HttpReply> ApiClient::stream(const std::string& path,
                                    const std::vector<std::string>& extra_headers,
                                    const StreamCallbacks& callbacks) const {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error(ErrorCode::internal, "cannot initialise libcurl");
    char detail[CURL_ERROR_SIZE] = {};
    std::string url = options_.base_url + path;
    CURL* c = curl.get();
    StreamState state{c, &callbacks};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    // No overall timeout: the stream is meant to last. Heartbeats arrive every 15 s, so a
    // minute without a byte means the daemon or the network is gone.
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, stream_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &state);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, stream_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &state);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tidepool/" TIDEPOOL_VERSION);
    apply_tls_options(c);
    curl_slist* raw = curl_slist_append(nullptr, "Accept: text/event-stream");
    std::string auth;
    if (options_.api_key) {
        auth = "Authorization: Bearer " + *options_.api_key;
        raw = curl_slist_append(raw, auth.c_str());
    }
    for (const auto& h : extra_headers) raw = curl_slist_append(raw, h.c_str());
    std::unique_ptr<curl_slist, SlistDeleter> headers(raw);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK && !state.stopped) return transport_error(code, detail, options_.base_url);
    if (state.status == 0) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &state.status);
    return HttpReply{state.status, std::move(state.error_body)};
}

}  // namespace tidepool::cli
