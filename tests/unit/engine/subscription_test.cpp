// Subscription lifetime and threading: unsubscribing from inside a handler, no calls after
// reset(), and engine calls made from inside a handler (which must not deadlock).
#include <doctest/doctest.h>

#include "host.h"

using namespace tidepool;
using test::Host;
using test::kind_is;

namespace {

void apply(Host& host) {
    auto applied = host.engine->apply_config(
        test::bundle(2, "subscription-test-" + std::to_string(::getpid())));
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().message));
}

std::string request(Host& host, const std::string& user) {
    auto r = host.engine->request_session({"desktops", user, SessionKind::app, 0});
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return r->id;
}

}  // namespace

TEST_CASE("a handler can unsubscribe itself and is never called again") {
    Host host;
    host.start();
    apply(host);
    std::atomic<int> calls{0};
    auto self = std::make_shared<Subscription>();
    *self = host.engine->subscribe([&calls, self](const EngineEvent&) {
        ++calls;
        self->reset();  // from inside the handler: must not deadlock
    });
    CHECK(self->active());
    auto first = request(host, "alice");
    auto second = request(host, "bob");
    // The recorder subscribed before, so once it heard bob's request, so did the handler.
    host.wait_for(kind_is(EngineEventKind::session_queued, second), "session_queued");
    CHECK(calls.load() == 1);
    CHECK_FALSE(self->active());
    (void)first;
}

TEST_CASE("after reset() returns the handler is not called again") {
    Host host;
    host.start();
    apply(host);
    std::atomic<int> calls{0};
    auto sub = host.engine->subscribe([&calls](const EngineEvent&) { ++calls; });
    request(host, "alice");
    // Handlers of one event run one after another; wait for this one's own first call.
    for (int i = 0; i < 10000 && calls.load() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(calls.load() >= 1);
    sub.reset();
    int seen = calls.load();
    auto second = request(host, "bob");
    host.wait_for(kind_is(EngineEventKind::session_queued, second), "session_queued");
    CHECK(calls.load() == seen);
    Subscription moved = host.engine->subscribe([](const EngineEvent&) {});
    Subscription target = std::move(moved);
    CHECK(target.active());
    CHECK_FALSE(moved.active());
}

TEST_CASE("engine calls from inside an event handler answer instead of deadlocking") {
    Host host;
    host.start();
    apply(host);
    std::mutex mu;
    std::vector<SessionState> states;
    std::string ended;
    auto sub = host.engine->subscribe([&](const EngineEvent& e) {
        if (e.kind != EngineEventKind::session_placed) return;
        auto s = host.engine->session(e.session);  // synchronous, on the host's thread
        auto released = host.engine->end_session(e.session);
        std::lock_guard lock(mu);
        if (s.ok()) states.push_back(s->state);
        if (released.ok()) ended = e.session;
    });
    auto id = request(host, "alice");
    host.wait_for(kind_is(EngineEventKind::session_ended, id), "session_ended");
    std::lock_guard lock(mu);
    REQUIRE(states.size() == 1);
    CHECK(states[0] == SessionState::placed);
    CHECK(ended == id);
}

TEST_CASE("a throwing handler does not stop the others") {
    Host host;
    host.start();
    apply(host);
    auto bad = host.engine->subscribe([](const EngineEvent&) { throw std::runtime_error("x"); });
    auto id = request(host, "alice");
    host.wait_for(kind_is(EngineEventKind::session_queued, id), "session_queued");
}

TEST_CASE("the log sink hears the engine") {
    std::mutex mu;
    std::vector<std::string> lines;
    Host host([&](Options& o) {
        o.log = [&](LogLevel, std::string_view line) {
            std::lock_guard lock(mu);
            lines.emplace_back(line);
        };
    });
    host.start();
    apply(host);
    auto id = request(host, "alice");
    host.wait_for(kind_is(EngineEventKind::session_placed, id), "session_placed");
    host.engine.reset();
    std::lock_guard lock(mu);
    bool loaded = false;
    for (const auto& l : lines) loaded = loaded || l.find("plugin loaded: org.tidepool.sim") == 0;
    CHECK(loaded);
    for (const auto& l : lines) CHECK(l.find("s3cret") == std::string::npos);
}
