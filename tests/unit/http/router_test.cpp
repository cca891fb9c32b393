// Router matching and dispatch without a network: a fake Exchange captures the answer.
#include <doctest/doctest.h>

#include <stdexcept>

#include "http/exchange.h"
#include "http/router.h"

using namespace tidepool;
using namespace tidepool::http;

namespace {

class CapturingExchange : public detail::Exchange {
public:
    void respond(Response response) override { answers.push_back(std::move(response)); }
    void open_stream(Response, std::shared_ptr<detail::StreamState>) override {}
    void push_frame(std::string) override {}
    void end_stream() override {}
    std::vector<Response> answers;
};

Request make_request(std::string method, std::string target) {
    Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.path = r.target.substr(0, r.target.find('?'));
    return r;
}

Response run(const Router& router, std::string method, std::string target) {
    auto exchange = std::make_shared<CapturingExchange>();
    router.dispatch(make_request(std::move(method), std::move(target)), Responder(exchange));
    REQUIRE(exchange->answers.size() == 1);
    return exchange->answers.front();
}

Router sample_router() {
    Router router;
    router.add_sync("GET", "/api/v1/pools", [](const Request&) { return json_response(200, "[]"); });
    router.add_sync("GET", "/api/v1/pools/{id}", [](const Request& r) {
        return json_response(200, "{\"id\":\"" + std::string(r.param("id")) + "\",\"route\":\"" +
                                      r.route + "\"}");
    });
    router.add_sync("DELETE", "/api/v1/pools/{id}",
                    [](const Request&) { return json_response(204, ""); });
    router.add_sync("POST", "/api/v1/plugins/reload",
                    [](const Request&) { return json_response(200, "\"reloaded\""); });
    router.add_sync("POST", "/api/v1/plugins/{id}",
                    [](const Request& r) { return json_response(200, std::string(r.param("id"))); });
    return router;
}

}  // namespace

TEST_CASE("path parameters are extracted and decoded per segment") {
    auto router = sample_router();
    auto r = run(router, "GET", "/api/v1/pools/p%2F1");
    CHECK(r.status == 200);
    CHECK(r.body == "{\"id\":\"p/1\",\"route\":\"/api/v1/pools/{id}\"}");
    CHECK(run(router, "GET", "/api/v1/pools?x=1").body == "[]");
}

TEST_CASE("literal segments win over parameters regardless of order") {
    auto router = sample_router();
    CHECK(run(router, "POST", "/api/v1/plugins/reload").body == "\"reloaded\"");
    CHECK(run(router, "POST", "/api/v1/plugins/other").body == "other");
}

TEST_CASE("unknown paths are 404 and wrong methods 405 with Allow") {
    auto router = sample_router();
    auto nf = run(router, "GET", "/api/v1/nothing");
    CHECK(nf.status == 404);
    CHECK(nf.body.find("\"not_found\"") != std::string::npos);
    CHECK(run(router, "GET", "/api/v1/pools/").status == 404);  // one spelling per resource
    auto na = run(router, "PUT", "/api/v1/pools/p1");
    CHECK(na.status == 405);
    CHECK(na.headers.get("Allow") == "DELETE, GET");
}

TEST_CASE("routes() lists every registered route in order") {
    auto routes = sample_router().routes();
    REQUIRE(routes.size() == 5);
    CHECK(routes[0].method == "GET");
    CHECK(routes[0].pattern == "/api/v1/pools");
    CHECK(routes[4].pattern == "/api/v1/plugins/{id}");
}

TEST_CASE("bad patterns and duplicates are rejected at registration") {
    Router router;
    auto noop = [](const Request&) { return Response{}; };
    CHECK_THROWS_AS(router.add_sync("GET", "api", noop), std::invalid_argument);
    CHECK_THROWS_AS(router.add_sync("GET", "/a/{", noop), std::invalid_argument);
    CHECK_THROWS_AS(router.add_sync("GET", "/a//b", noop), std::invalid_argument);
    router.add_sync("GET", "/a/{id}", noop);
    CHECK_THROWS_AS(router.add_sync("GET", "/a/{id}", noop), std::invalid_argument);
}

TEST_CASE("a throwing handler becomes a 500 error; a silent one too") {
    Router router;
    router.add("GET", "/boom", [](const Request&, Responder) { throw std::runtime_error("kaput"); });
    router.add("GET", "/silent", [](const Request&, Responder) {});
    auto boom = run(router, "GET", "/boom");
    CHECK(boom.status == 500);
    CHECK(boom.body.find("kaput") != std::string::npos);
    CHECK(run(router, "GET", "/silent").status == 500);
}

TEST_CASE("only the first answer of a responder counts") {
    auto exchange = std::make_shared<CapturingExchange>();
    {
        Responder responder(exchange);
        Responder copy = responder;
        CHECK(responder.send(json_response(200, "1")));
        CHECK_FALSE(copy.send(json_response(200, "2")));
        CHECK(copy.answered());
        CHECK_FALSE(copy.start_events().open());
    }
    REQUIRE(exchange->answers.size() == 1);
    CHECK(exchange->answers[0].body == "1");
}

TEST_CASE("the guard sees the matched route before any handler and may answer instead") {
    auto router = sample_router();
    std::vector<std::string> seen;
    router.set_guard([&seen](const Request& r) -> std::optional<Response> {
        seen.push_back(r.method + " " + r.route);
        if (r.header("Authorization") == std::nullopt) {
            return error_response(make_error(ErrorCode::unauthenticated, "no key"));
        }
        return std::nullopt;
    });
    // Refused before the handler, before 404 and before 405 alike.
    CHECK(run(router, "GET", "/api/v1/pools/p1").status == 401);
    CHECK(run(router, "GET", "/nowhere").status == 401);
    CHECK(run(router, "PUT", "/api/v1/pools").status == 401);
    CHECK(seen == std::vector<std::string>{"GET /api/v1/pools/{id}", "GET ", "PUT "});

    auto exchange = std::make_shared<CapturingExchange>();
    Request allowed = make_request("GET", "/api/v1/pools/p1");
    allowed.headers.set("Authorization", "Bearer x");
    router.dispatch(allowed, Responder(exchange));
    REQUIRE(exchange->answers.size() == 1);
    CHECK(exchange->answers.front().status == 200);
    CHECK(exchange->answers.front().headers.get("WWW-Authenticate") == std::nullopt);
}

TEST_CASE("an asynchronous guard decides later; the request goes on (or not) when it does") {
    auto router = sample_router();
    std::vector<std::pair<Request, Decision>> waiting;  // decisions not taken yet
    router.set_async_guard([&waiting](const Request& r, Decision decide) {
        waiting.emplace_back(r, std::move(decide));
    });
    auto allowed = std::make_shared<CapturingExchange>();
    auto refused = std::make_shared<CapturingExchange>();
    auto missing = std::make_shared<CapturingExchange>();
    router.dispatch(make_request("GET", "/api/v1/pools/p1"), Responder(allowed));
    router.dispatch(make_request("GET", "/api/v1/pools/p2"), Responder(refused));
    router.dispatch(make_request("GET", "/nowhere"), Responder(missing));
    REQUIRE(waiting.size() == 3);
    CHECK(waiting[0].first.route == "/api/v1/pools/{id}");
    CHECK(allowed->answers.empty());  // nothing runs before the guard has decided
    waiting[1].second(error_response(make_error(ErrorCode::unauthenticated, "no")));
    waiting[0].second(std::nullopt);
    waiting[2].second(std::nullopt);
    REQUIRE(allowed->answers.size() == 1);
    CHECK(allowed->answers[0].status == 200);
    CHECK(allowed->answers[0].body.find("p1") != std::string::npos);  // params filled in
    REQUIRE(refused->answers.size() == 1);
    CHECK(refused->answers[0].status == 401);
    REQUIRE(missing->answers.size() == 1);
    CHECK(missing->answers[0].status == 404);  // let through, then not found
}
