// HttpServer over real sockets: routing, parameters, keep-alive, request ids, the access log,
// and malformed input.
#include <doctest/doctest.h>

#include "test_server.h"

using namespace tidepool;
using namespace tidepool::http;
using namespace tidepool::http::test;

namespace {

Router echo_router() {
    Router router;
    router.add_sync("GET", "/api/v1/pools/{id}", [](const Request& r) {
        auto state = r.query_param("state");
        return json_response(200, "{\"id\":\"" + std::string(r.param("id")) + "\",\"state\":\"" +
                                      std::string(state.value_or("-")) + "\"}");
    });
    router.add_sync("POST", "/api/v1/echo", [](const Request& r) {
        Response resp = json_response(201, r.body);
        resp.headers.set("X-Seen-Type", std::string(r.header("content-type").value_or("")));
        return resp;
    });
    return router;
}

}  // namespace

TEST_CASE("GET with path and query parameters round-trips") {
    TestServer server(echo_router());
    TestClient client(server.port());
    auto r = client.request("GET", "/api/v1/pools/p1?state=running&token=secret");
    REQUIRE(r);
    CHECK(r->result_int() == 200);
    CHECK(r->body() == "{\"id\":\"p1\",\"state\":\"running\"}");
    CHECK(std::string((*r)["Content-Type"]) == "application/json");
}

TEST_CASE("keep-alive serves several requests on one connection") {
    TestServer server(echo_router());
    TestClient client(server.port());
    for (int i = 0; i < 5; ++i) {
        auto body = "{\"n\":" + std::to_string(i) + "}";
        auto r = client.request("POST", "/api/v1/echo", body, {{"Content-Type", "application/json"}});
        REQUIRE(r);
        CHECK(r->result_int() == 201);
        CHECK(r->body() == body);
        CHECK(r->keep_alive());
        CHECK(std::string((*r)["X-Seen-Type"]) == "application/json");
    }
    CHECK(server.server().connection_count() == 1);
}

TEST_CASE("request ids are echoed when sane and generated otherwise") {
    TestServer server(echo_router());
    TestClient client(server.port());
    auto given = client.request("GET", "/api/v1/pools/a", "", {{"X-Request-Id", "req-42"}});
    REQUIRE(given);
    CHECK(std::string((*given)["X-Request-Id"]) == "req-42");
    auto bad = client.request("GET", "/api/v1/pools/a", "", {{"X-Request-Id", "no spaces allowed"}});
    REQUIRE(bad);
    auto generated = std::string((*bad)["X-Request-Id"]);
    CHECK(generated.size() == 16);
    CHECK(generated != "no spaces allowed");
}

TEST_CASE("the access log records method, route, status and id but never the query") {
    TestServer server(echo_router());
    TestClient client(server.port());
    REQUIRE(client.request("GET", "/api/v1/pools/p1?token=secret", "", {{"X-Request-Id", "r1"}}));
    REQUIRE(client.request("GET", "/nope"));
    REQUIRE(eventually([&] { return server.log().entries().size() == 2; }));
    auto entries = server.log().entries();
    CHECK(entries[0].method == "GET");
    CHECK(entries[0].path == "/api/v1/pools/p1");
    CHECK(entries[0].route == "/api/v1/pools/{id}");
    CHECK(entries[0].status == 200);
    CHECK(entries[0].request_id == "r1");
    CHECK(entries[0].remote_address == "127.0.0.1");
    CHECK(entries[0].duration.count() >= 0);
    CHECK(entries[1].status == 404);
    for (const auto& e : entries) CHECK(e.path.find("secret") == std::string::npos);
}

TEST_CASE("404 and 405 come back as error JSON over the wire") {
    TestServer server(echo_router());
    TestClient client(server.port());
    auto nf = client.request("GET", "/api/v1/missing");
    REQUIRE(nf);
    CHECK(nf->result_int() == 404);
    CHECK(nf->body().find("\"code\":\"not_found\"") != std::string::npos);
    auto na = client.request("DELETE", "/api/v1/echo");
    REQUIRE(na);
    CHECK(na->result_int() == 405);
    CHECK(std::string((*na)["Allow"]) == "POST");
    CHECK(na->keep_alive());  // routing errors do not cost the connection
}

TEST_CASE("malformed HTTP gets 400 and the server keeps serving") {
    TestServer server(echo_router());
    {
        TestClient bad(server.port());
        bad.send_raw("THIS IS NOT HTTP\r\n\r\n");
        auto r = bad.read_response();
        REQUIRE(r);
        CHECK(r->result_int() == 400);
        CHECK(r->body().find("\"code\":\"invalid\"") != std::string::npos);
        CHECK_FALSE(r->keep_alive());
        CHECK(bad.wait_closed());
    }
    {
        TestClient bad_target(server.port());
        bad_target.send_raw("GET /x%zz HTTP/1.1\r\nHost: a\r\n\r\n");
        auto r = bad_target.read_response();
        REQUIRE(r);
        CHECK(r->result_int() == 400);
    }
    TestClient good(server.port());
    auto r = good.request("GET", "/api/v1/pools/ok");
    REQUIRE(r);
    CHECK(r->result_int() == 200);
}

TEST_CASE("CR/LF in handler-set header values cannot split the response") {
    Router router;
    router.add_sync("GET", "/echo", [](const Request& r) {
        Response resp = json_response(200, "{}");
        resp.headers.set("X-Echo", std::string(r.query_param("v").value_or("")));
        return resp;
    });
    TestServer server(std::move(router));
    TestClient client(server.port());
    auto r = client.request("GET", "/echo?v=a%0D%0ASet-Cookie:%20x=1");
    REQUIRE(r);
    CHECK(std::string((*r)["X-Echo"]) == "aSet-Cookie: x=1");
    CHECK((*r).find("Set-Cookie") == (*r).end());
}

TEST_CASE("an HTTP/1.0 client without keep-alive gets its answer and a close") {
    TestServer server(echo_router());
    TestClient client(server.port());
    client.send_raw("GET /api/v1/pools/x HTTP/1.0\r\n\r\n");
    auto r = client.read_response();
    REQUIRE(r);
    CHECK(r->result_int() == 200);
    CHECK(client.wait_closed());
}

TEST_CASE("start() reports a busy port with the address in the message") {
    boost::asio::io_context ioc;
    HttpServer first(ioc, Router{}, ServerOptions{.address = "127.0.0.1", .port = 0});
    REQUIRE(first.start().ok());
    HttpServer second(ioc, Router{}, ServerOptions{.address = "127.0.0.1", .port = first.port()});
    auto started = second.start();
    REQUIRE_FALSE(started.ok());
    CHECK(started.error().message.find("127.0.0.1:" + std::to_string(first.port())) !=
          std::string::npos);
    HttpServer bad(ioc, Router{}, ServerOptions{.address = "not-an-ip", .port = 0});
    auto bad_started = bad.start();
    REQUIRE_FALSE(bad_started.ok());
    CHECK(bad_started.error().code == ErrorCode::invalid);
}
