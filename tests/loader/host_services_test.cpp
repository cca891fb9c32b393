// The host services plugins call: libcurl HTTP (status, headers, body, deadline,
// cancellation, bad URLs), the real clock's interruptible sleep, and log tagging.
#include <doctest/doctest.h>

#include <future>
#include <string>
#include <vector>

#include <tidepool/error.h>

#include "http_server.h"
#include "plugins/call_context.h"
#include "plugins/host_services.h"

using namespace tidepool::plugins;

namespace {

struct Response {
    int32_t status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

std::string text(tp_str s) { return std::string(s.ptr, static_cast<size_t>(s.len)); }

tp_http_response_sink sink_for(Response& r) {
    return tp_http_response_sink{
        &r, [](void* c, int32_t s) { static_cast<Response*>(c)->status = s; },
        [](void* c, tp_str n, tp_str v) {
            static_cast<Response*>(c)->headers.emplace_back(text(n), text(v));
        },
        [](void* c, tp_str b) { static_cast<Response*>(c)->body += text(b); }};
}

tp_str str(const std::string& s) { return tp_str{s.data(), s.size()}; }

// Sends through the tp_http_svc table a plugin would get, not the C++ class directly.
int32_t send(const PluginHost& host, const std::string& method, const std::string& url,
             const std::string& body, Response& out, tp_error& err,
             const tp_call_ctx* call = nullptr) {
    auto* svc =
        static_cast<const tp_http_svc*>(host.get()->get_service(host.get(), TP_SVC_HTTP_ID));
    REQUIRE(svc != nullptr);
    tp_kv headers[] = {{tp_str_from_cstr("X-Test"), tp_str_from_cstr("yes")}};
    tp_http_request req{};
    req.struct_size = sizeof req;
    req.verify_tls = 1;
    req.method = str(method);
    req.url = str(url);
    req.headers = tp_kv_list{headers, 1};
    req.body = str(body);
    tp_http_response_sink sink = sink_for(out);
    err = tp_error{};
    err.struct_size = sizeof err;
    return svc->send(svc->ctx, call, &req, &sink, &err);
}

PluginHost make_host(LogSink log = {}) {
    HostServices services;
    services.log = std::move(log);
    return PluginHost(with_defaults(services), "org.example.test");
}

}  // namespace

TEST_CASE("HTTP: status, headers and body reach the plugin's sink") {
    tidepool::test::HttpServer server(
        "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nX-Answer: 42\r\n"
        "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
    PluginHost host = make_host();
    Response r;
    tp_error err;
    REQUIRE(send(host, "POST", server.url("/things?sig=secret"), "payload", r, err) == TP_OK);
    CHECK(r.status == 201);
    CHECK(r.body == "hello");
    CHECK(std::find(r.headers.begin(), r.headers.end(),
                    std::pair<std::string, std::string>("X-Answer", "42")) != r.headers.end());
    CHECK(server.last_request().find("POST /things?sig=secret HTTP/1.1") == 0);
    CHECK(server.last_request().find("X-Test: yes") != std::string::npos);
    CHECK(server.last_request().find("payload") != std::string::npos);
}

TEST_CASE("HTTP: a 5xx is a response for the plugin to classify, not a transport error") {
    tidepool::test::HttpServer server(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    PluginHost host = make_host();
    Response r;
    tp_error err;
    CHECK(send(host, "GET", server.url("/"), "", r, err) == TP_OK);
    CHECK(r.status == 503);
}

TEST_CASE("HTTP: the call's deadline ends a request the server never answers") {
    tidepool::test::HttpServer server("");
    PluginHost host = make_host();
    CallOptions options;
    options.deadline_unix_ms = host.services().clock->now_unix_ms() + 300;
    CallContext call(options);
    Response r;
    tp_error err;
    CHECK(send(host, "GET", server.url("/slow?token=abc"), "", r, err, call.get()) ==
          TP_ERR_TIMEOUT);
    CHECK(err.status == TP_ERR_TIMEOUT);
    CHECK(std::string(err.message).find("token=abc") == std::string::npos);
}

TEST_CASE("HTTP: cancelling the call aborts the request") {
    tidepool::test::HttpServer server("");
    PluginHost host = make_host();
    CallOptions options;
    CallContext call(options);
    auto pending = std::async(std::launch::async, [&] {
        Response r;
        tp_error err;
        return send(host, "GET", server.url("/"), "", r, err, call.get());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    options.cancel.cancel();
    CHECK(pending.get() == TP_ERR_CANCELLED);
}

TEST_CASE("HTTP: a URL that is not http(s) is a config error; a closed port is unavailable") {
    PluginHost host = make_host();
    Response r;
    tp_error err;
    CHECK(send(host, "GET", "ftp://example.org/", "", r, err) == TP_ERR_INVALID_CONFIG);
    CHECK(send(host, "GET", "http://127.0.0.1:1/", "", r, err) == TP_ERR_UNAVAILABLE);
    CHECK(std::string(err.message).find("GET http://127.0.0.1:1/") == 0);
}

TEST_CASE("clock: sleep returns early on cancellation and on the deadline") {
    PluginHost host = make_host();
    auto* clock =
        static_cast<const tp_clock_svc*>(host.get()->get_service(host.get(), TP_SVC_CLOCK_ID));
    REQUIRE(clock != nullptr);
    CHECK(clock->sleep_ms(clock->ctx, nullptr, 1) == TP_OK);
    CallOptions cancelled;
    cancelled.cancel.cancel();
    CallContext c1(cancelled);
    CHECK(clock->sleep_ms(clock->ctx, c1.get(), 60000) == TP_ERR_CANCELLED);
    CallOptions late;
    late.deadline_unix_ms = clock->now_unix_ms(clock->ctx) + 20;
    CallContext c2(late);
    CHECK(clock->sleep_ms(clock->ctx, c2.get(), 60000) == TP_ERR_TIMEOUT);
}

TEST_CASE("log lines carry the plugin id and request id; unknown services are NULL") {
    std::vector<LogRecord> records;
    PluginHost host = make_host([&](const LogRecord& r) { records.push_back(r); });
    auto* log = static_cast<const tp_log_svc*>(host.get()->get_service(host.get(), TP_SVC_LOG_ID));
    REQUIRE(log != nullptr);
    log->write(log->ctx, TP_LOG_WARN, str("req-1"), str("hello"));
    REQUIRE(records.size() == 1);
    CHECK(records[0].plugin_id == "org.example.test");
    CHECK(records[0].request_id == "req-1");
    CHECK(records[0].level == TP_LOG_WARN);
    CHECK(records[0].message == "hello");
    CHECK(host.get()->get_service(host.get(), "tidepool.nope/1") == nullptr);
    CHECK(host.get()->struct_size == sizeof(tp_host));
    CHECK(host.get()->abi_major == 1);
}

TEST_CASE("virtual clock: sleeping moves time, the deadline stops it, cancellation wins") {
    VirtualClock clock(1000);
    CHECK(clock.now_unix_ms() == 1000);
    CHECK(clock.sleep_ms(nullptr, 250) == TP_OK);
    CHECK(clock.now_unix_ms() == 1250);
    clock.advance(50);
    CallOptions options;
    options.deadline_unix_ms = 1400;
    CallContext call(options);
    CHECK(clock.sleep_ms(call.get(), 60000) == TP_ERR_TIMEOUT);
    CHECK(clock.now_unix_ms() == 1400);
    options.cancel.cancel();
    CHECK(clock.sleep_ms(call.get(), 1) == TP_ERR_CANCELLED);

    // Plugged into the host, plugins see the virtual time through the clock service.
    HostServices services;
    services.clock = std::make_shared<VirtualClock>(42);
    PluginHost host(with_defaults(services), "org.example.test");
    auto* svc =
        static_cast<const tp_clock_svc*>(host.get()->get_service(host.get(), TP_SVC_CLOCK_ID));
    CHECK(svc->now_unix_ms(svc->ctx) == 42);
}
