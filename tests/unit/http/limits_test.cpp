// Limits that protect the daemon: body and head sizes, slow clients, connection count.
#include <doctest/doctest.h>

#include "test_server.h"

using namespace tidepool;
using namespace tidepool::http;
using namespace tidepool::http::test;
using namespace std::chrono_literals;

namespace {

Router limit_router() {
    Router router;
    auto echo = [](const Request& r) { return json_response(200, r.body); };
    router.add_sync("POST", "/echo", echo);
    router.add_sync("POST", "/tiny", echo, RouteOptions{.body_limit = 10});
    router.add_sync("GET", "/hello", [](const Request&) { return json_response(200, "\"hi\""); });
    return router;
}

ServerOptions small_limits() {
    ServerOptions o;
    o.body_limit = 1024;
    o.header_limit = 2048;
    o.header_timeout = 300ms;
    o.body_timeout = 300ms;
    return o;
}

}  // namespace

TEST_CASE("an announced oversized body gets 413 before any of it is sent") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    client.send_raw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
    auto r = client.read_response();
    REQUIRE(r);
    CHECK(r->result_int() == 413);
    CHECK(r->body().find("\"code\":\"too_large\"") != std::string::npos);
    CHECK_FALSE(r->keep_alive());
}

TEST_CASE("a chunked body that grows past the limit gets 413") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    std::string chunk(800, 'x');
    client.send_raw("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
    client.send_raw("320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
    auto r = client.read_response();
    REQUIRE(r);
    CHECK(r->result_int() == 413);
}

TEST_CASE("a route can lower its own body limit") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    auto ok = client.request("POST", "/echo", std::string(20, 'a'));
    REQUIRE(ok);
    CHECK(ok->result_int() == 200);
    auto big = client.request("POST", "/tiny", std::string(20, 'a'));
    REQUIRE(big);
    CHECK(big->result_int() == 413);
}

TEST_CASE("an oversized request head gets 431") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    client.send_raw("GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(4096, 'b') +
                    "\r\n\r\n");
    auto r = client.read_response();
    REQUIRE(r);
    CHECK(r->result_int() == 431);
}

TEST_CASE("a client too slow to send its head is dropped while others are served") {
    TestServer server(limit_router(), small_limits());
    TestClient slow(server.port());
    slow.send_raw("GET /hello HTTP/1.1\r\nHost: a\r\n");  // never finishes the head
    TestClient fast(server.port());
    auto r = fast.request("GET", "/hello");
    REQUIRE(r);
    CHECK(r->result_int() == 200);
    CHECK(slow.wait_closed());
    TestClient later(server.port());
    auto again = later.request("GET", "/hello");
    REQUIRE(again);
    CHECK(again->result_int() == 200);
}

TEST_CASE("a client too slow to send its body is dropped and logged as 408") {
    TestServer server(limit_router(), small_limits());
    TestClient slow(server.port());
    slow.send_raw("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc");
    CHECK(slow.wait_closed());
    REQUIRE(eventually([&] { return !server.log().entries().empty(); }));
    CHECK(server.log().entries().front().status == 408);
}

TEST_CASE("an idle keep-alive connection is closed after the head timeout") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    REQUIRE(client.request("GET", "/hello"));
    CHECK(client.wait_closed());
    CHECK(eventually([&] { return server.server().connection_count() == 0; }));
}

TEST_CASE("connections past the limit are answered 503") {
    auto options = small_limits();
    options.header_timeout = 20s;  // keep the first connection open for the whole test
    options.max_connections = 1;
    TestServer server(limit_router(), options);
    auto first = std::make_unique<TestClient>(server.port());
    REQUIRE(first->request("GET", "/hello"));
    {
        TestClient second(server.port());
        auto r = second.request("GET", "/hello");
        REQUIRE(r);
        CHECK(r->result_int() == 503);
        CHECK(r->body().find("connection limit") != std::string::npos);
    }
    first.reset();
    REQUIRE(eventually([&] { return server.server().connection_count() == 0; }));
    TestClient third(server.port());
    auto r = third.request("GET", "/hello");
    REQUIRE(r);
    CHECK(r->result_int() == 200);
}

TEST_CASE("Expect: 100-continue is honoured") {
    TestServer server(limit_router(), small_limits());
    TestClient client(server.port());
    client.send_raw(
        "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    REQUIRE(client.read_until("\r\n\r\n"));
    CHECK(client.received().rfind("HTTP/1.1 100 Continue", 0) == 0);
    client.send_raw("hello");
    auto r = client.read_response();
    REQUIRE(r);
    CHECK(r->body() == "hello");
}
