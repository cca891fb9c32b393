// Server-sent event streams: delivery, heartbeats, and every way a stream ends.
#include <doctest/doctest.h>

#include <atomic>
#include <map>

#include "test_server.h"

using namespace tidepool;
using namespace tidepool::http;
using namespace tidepool::http::test;
using namespace std::chrono_literals;

namespace {

// Keeps the open streams and forgets each one when it closes, as the runtime's event hub
// would (a handle kept past the io_context's lifetime would post to a dead context).
struct Hub {
    std::mutex mutex;
    std::map<int, EventStream> streams;
    int next = 0;
    std::atomic<int> opened{0};
    std::atomic<int> closed{0};

    Router router() {
        Router r;
        r.add("GET", "/api/v1/events", [this](const Request&, Responder responder) {
            Response head;
            head.headers.set("X-Stream", "yes");
            EventStream stream = responder.start_events(std::move(head));
            stream.send("hello", "{\"n\":0}", "0");
            int id = 0;
            {
                std::lock_guard lock(mutex);
                id = next++;
                streams.emplace(id, stream);
            }
            stream.on_close([this, id] { forget(id); });
            ++opened;
        });
        return r;
    }
    void forget(int id) {
        EventStream doomed;  // released outside the lock
        {
            std::lock_guard lock(mutex);
            auto it = streams.find(id);
            if (it == streams.end()) return;
            doomed = it->second;
            streams.erase(it);
        }
        ++closed;
    }
    EventStream first() {
        std::lock_guard lock(mutex);
        return streams.empty() ? EventStream{} : streams.begin()->second;
    }
};

void open_stream(TestClient& client) {
    client.send_raw("GET /api/v1/events HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream\r\n\r\n");
}

}  // namespace

TEST_CASE("an event stream delivers events pushed from other threads") {
    Hub hub;
    TestServer server(hub.router());
    TestClient client(server.port());
    open_stream(client);
    REQUIRE(client.read_until("event: hello\ndata: {\"n\":0}\nid: 0\n\n"));
    CHECK(client.received().rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(client.received().find("Content-Type: text/event-stream\r\n") != std::string::npos);
    CHECK(client.received().find("X-Stream: yes\r\n") != std::string::npos);
    REQUIRE(eventually([&] { return hub.opened == 1; }));
    std::thread pusher([&] {
        auto stream = hub.first();
        for (int i = 1; i <= 3; ++i) {
            CHECK(stream.send("server", "{\"n\":" + std::to_string(i) + "}"));
        }
    });
    pusher.join();
    REQUIRE(client.read_until("event: server\ndata: {\"n\":3}\n\n"));
    auto text = client.received();
    CHECK(text.find("{\"n\":1}") < text.find("{\"n\":2}"));
    CHECK(text.find("{\"n\":2}") < text.find("{\"n\":3}"));
}

TEST_CASE("a client disconnect closes the stream and calls on_close") {
    Hub hub;
    TestServer server(hub.router());
    EventStream stream;
    {
        TestClient client(server.port());
        open_stream(client);
        REQUIRE(client.read_until("\n\n"));
        REQUIRE(eventually([&] { return hub.opened == 1; }));
        stream = hub.first();
        CHECK(stream.open());
    }
    REQUIRE(eventually([&] { return hub.closed == 1; }));
    CHECK_FALSE(stream.open());
    CHECK_FALSE(stream.send("late", "x"));
    bool immediate = false;
    stream.on_close([&] { immediate = true; });  // already closed: runs at once
    CHECK(immediate);
}

TEST_CASE("dropping every handle or calling close() ends the response") {
    Hub hub;
    TestServer server(hub.router());
    TestClient client(server.port());
    open_stream(client);
    REQUIRE(eventually([&] { return hub.opened == 1; }));
    hub.first().send("bye", "last");
    hub.first().close();
    REQUIRE(client.read_until("event: bye\ndata: last\n\n"));  // queued events still go out
    CHECK(client.wait_closed());
    CHECK(eventually([&] { return hub.closed == 1; }));
}

TEST_CASE("a handler that drops its only handle ends the stream after the queued events") {
    Router router;
    router.add("GET", "/once", [](const Request&, Responder responder) {
        responder.start_events().send("only", "1");
    });
    TestServer server(std::move(router));
    TestClient client(server.port());
    client.send_raw("GET /once HTTP/1.1\r\nHost: a\r\n\r\n");
    REQUIRE(client.read_until("event: only\ndata: 1\n\n"));
    CHECK(client.wait_closed());
}

TEST_CASE("streams send keep-alive comments") {
    Hub hub;
    ServerOptions options;
    options.event_heartbeat = 20ms;
    TestServer server(hub.router(), options);
    TestClient client(server.port());
    open_stream(client);
    CHECK(client.read_until(": keep-alive\n\n"));
}

TEST_CASE("stop() ends open streams") {
    Hub hub;
    TestServer server(hub.router());
    TestClient client(server.port());
    open_stream(client);
    REQUIRE(eventually([&] { return hub.opened == 1; }));
    server.server().stop();
    CHECK(client.wait_closed());
    CHECK(eventually([&] { return hub.closed == 1; }));
}

TEST_CASE("the access log records a stream when it ends") {
    Hub hub;
    TestServer server(hub.router());
    {
        TestClient client(server.port());
        open_stream(client);
        REQUIRE(client.read_until("\n\n"));
    }
    REQUIRE(eventually([&] { return server.log().entries().size() == 1; }));
    auto entry = server.log().entries().front();
    CHECK(entry.status == 200);
    CHECK(entry.route == "/api/v1/events");
    CHECK(entry.response_bytes > 0);
}
