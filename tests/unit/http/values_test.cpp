// Plain values: headers, target parsing, error JSON, request ids, SSE framing.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "http/exchange.h"
#include "http/request_id.h"
#include "http/response.h"
#include "http/url.h"

using namespace tidepool;
using namespace tidepool::http;

TEST_CASE("header lookup ignores case and repeated fields are joined") {
    Headers h;
    h.set("Content-Type", "application/json");
    h.append("accept", "a/b");
    h.append("ACCEPT", "c/d");
    CHECK(h.get("content-type") == "application/json");
    CHECK(h.get("Accept") == "a/b, c/d");
    CHECK_FALSE(h.get("X-Missing").has_value());
    h.erase("CONTENT-TYPE");
    CHECK_FALSE(h.contains("Content-Type"));
}

TEST_CASE("targets split into a decoded path and query") {
    auto t = parse_target("/api/v1/servers?pool=p%201&state=running&flag&x=a+b");
    REQUIRE(t);
    CHECK(t->path == "/api/v1/servers");
    CHECK(t->query.at("pool") == "p 1");
    CHECK(t->query.at("state") == "running");
    CHECK(t->query.at("flag").empty());
    CHECK(t->query.at("x") == "a b");
    CHECK_FALSE(parse_target("http://example.com/").has_value());
    CHECK_FALSE(parse_target("/bad%zz").has_value());
    CHECK_FALSE(parse_target("/trunc%4").has_value());
    CHECK_FALSE(parse_target("/nul%00").has_value());
    CHECK(percent_encode("a b/ü") == "a%20b%2F%C3%BC");
    CHECK(percent_decode(percent_encode("x y&z=1"), true) == "x y&z=1");
}

TEST_CASE("error_response has the documented shape and status") {
    auto r = error_response(make_error(ErrorCode::invalid, "kind must be server or agent",
                                       "/pools/0/kind"));
    CHECK(r.status == 400);
    CHECK(r.content_type == "application/json");
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    REQUIRE(d.IsObject());
    CHECK(std::string(d["error"]["code"].GetString()) == "invalid");
    CHECK(std::string(d["error"]["message"].GetString()) == "kind must be server or agent");
    CHECK(std::string(d["error"]["field"].GetString()) == "/pools/0/kind");

    auto nf = error_response(make_error(ErrorCode::not_found, "no pool \"x\""));
    d.Parse(nf.body.c_str());
    CHECK(nf.status == 404);
    CHECK_FALSE(d["error"].HasMember("field"));

    auto unauth = error_response(make_error(ErrorCode::unauthenticated, "missing API key"));
    CHECK(unauth.status == 401);
    CHECK(unauth.headers.get("WWW-Authenticate") == "Bearer");
}

TEST_CASE("every ErrorCode maps to the documented HTTP status") {
    CHECK(http_status(ErrorCode::invalid) == 400);
    CHECK(http_status(ErrorCode::unauthenticated) == 401);
    CHECK(http_status(ErrorCode::denied) == 403);
    CHECK(http_status(ErrorCode::not_found) == 404);
    CHECK(http_status(ErrorCode::conflict) == 409);
    CHECK(http_status(ErrorCode::too_large) == 413);
    CHECK(http_status(ErrorCode::capacity) == 503);
    CHECK(http_status(ErrorCode::unavailable) == 503);
    CHECK(http_status(ErrorCode::timeout) == 504);
    CHECK(http_status(ErrorCode::cancelled) == 503);
    CHECK(http_status(ErrorCode::internal) == 500);
}

TEST_CASE("request ids: safe client ids are kept, others replaced") {
    CHECK(acceptable_request_id("abc-123_x.y:z"));
    CHECK_FALSE(acceptable_request_id(""));
    CHECK_FALSE(acceptable_request_id("has space"));
    CHECK_FALSE(acceptable_request_id("line\nbreak"));
    CHECK_FALSE(acceptable_request_id(std::string(129, 'a')));
    auto a = generate_request_id();
    auto b = generate_request_id();
    CHECK(a.size() == 16);
    CHECK(acceptable_request_id(a));
    CHECK(a != b);
}

TEST_CASE("SSE frames split data lines and strip newlines from names") {
    CHECK(detail::format_event("pool", "{\"a\":1}", "7") ==
          "event: pool\ndata: {\"a\":1}\nid: 7\n\n");
    CHECK(detail::format_event("", "one\r\ntwo\nthree", "") ==
          "data: one\ndata: two\ndata: three\n\n");
    CHECK(detail::format_event("x\ny", "", "") == "event: xy\ndata: \n\n");
}
