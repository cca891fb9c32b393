// Answering later, from other threads, and stopping with requests still in flight.
#include <doctest/doctest.h>

#include <condition_variable>
#include <deque>

#include "test_server.h"

using namespace tidepool;
using namespace tidepool::http;
using namespace tidepool::http::test;

namespace {

// Handlers park their responders here; a test thread answers them (like a durable write
// completing on a store thread).
class Parking {
public:
    Handler handler() {
        return [this](const Request& r, Responder responder) {
            std::lock_guard lock(mutex_);
            parked_.emplace_back(std::string(r.param("id")), std::move(responder));
            cv_.notify_all();
        };
    }
    std::pair<std::string, Responder> take() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return !parked_.empty(); });
        auto item = std::move(parked_.front());
        parked_.pop_front();
        return item;
    }
    std::size_t waiting() {
        std::lock_guard lock(mutex_);
        return parked_.size();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::pair<std::string, Responder>> parked_;
};

}  // namespace

TEST_CASE("a responder completed from another thread answers its own request") {
    Parking parking;
    Router router;
    router.add("GET", "/later/{id}", parking.handler());
    TestServer server(std::move(router));
    std::thread worker([&] {
        for (int i = 0; i < 3; ++i) {
            auto [id, responder] = parking.take();
            responder.send(json_response(200, "\"" + id + "\""));
        }
    });
    for (int i = 0; i < 3; ++i) {
        TestClient client(server.port());
        auto r = client.request("GET", "/later/n" + std::to_string(i));
        REQUIRE(r);
        CHECK(r->body() == "\"n" + std::to_string(i) + "\"");
    }
    worker.join();
}

TEST_CASE("parallel requests answered out of order each get their own answer") {
    Parking parking;
    Router router;
    router.add("GET", "/later/{id}", parking.handler());
    TestServer server(std::move(router));
    std::vector<std::thread> clients;
    std::vector<std::string> bodies(4);
    for (int i = 0; i < 4; ++i) {
        clients.emplace_back([&, i] {
            TestClient client(server.port());
            auto r = client.request("GET", "/later/c" + std::to_string(i));
            if (r) bodies[static_cast<std::size_t>(i)] = r->body();
        });
    }
    REQUIRE(eventually([&] { return parking.waiting() == 4; }));
    std::vector<std::pair<std::string, Responder>> all;
    for (int i = 0; i < 4; ++i) all.push_back(parking.take());
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        it->second.send(json_response(200, "\"" + it->first + "\""));
    }
    for (auto& t : clients) t.join();
    for (int i = 0; i < 4; ++i) CHECK(bodies[static_cast<std::size_t>(i)] == "\"c" + std::to_string(i) + "\"");
}

TEST_CASE("a responder dropped without an answer yields 500, not a hang") {
    Parking parking;
    Router router;
    router.add("GET", "/later/{id}", parking.handler());
    TestServer server(std::move(router));
    std::thread worker([&] { auto dropped = parking.take(); });
    TestClient client(server.port());
    auto r = client.request("GET", "/later/x");
    worker.join();
    REQUIRE(r);
    CHECK(r->result_int() == 500);
    CHECK(r->body().find("without answering") != std::string::npos);
}

TEST_CASE("stop() closes idle connections, finishes in-flight requests, then run() returns") {
    Parking parking;
    Router router;
    router.add("GET", "/later/{id}", parking.handler());
    router.add_sync("GET", "/now", [](const Request&) { return json_response(200, "1"); });
    boost::asio::io_context ioc;
    HttpServer server(ioc, std::move(router), ServerOptions{.address = "127.0.0.1", .port = 0});
    REQUIRE(server.start().ok());
    std::thread runner([&] { ioc.run(); });

    TestClient idle(server.port());
    REQUIRE(idle.request("GET", "/now"));
    TestClient busy(server.port());
    busy.send_raw("GET /later/inflight HTTP/1.1\r\nHost: a\r\n\r\n");
    auto [id, responder] = parking.take();

    server.stop();
    CHECK(idle.wait_closed());
    responder.send(json_response(200, "\"done\""));
    auto r = busy.read_response();
    REQUIRE(r);
    CHECK(r->body() == "\"done\"");
    CHECK_FALSE(r->keep_alive());
    busy.close();
    runner.join();  // returns only because every connection and the acceptor are gone
    CHECK(server.connection_count() == 0);
}
