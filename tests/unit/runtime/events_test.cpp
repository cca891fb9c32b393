// The event bus: ordering, seq numbers, RAII unsubscription (also from inside a handler and
// from another thread), replay for resuming clients, and isolation from a throwing handler.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "runtime/events.h"
#include "runtime/events_json.h"

using namespace tidepool;
using namespace tidepool::runtime;

namespace {
Event event_of(EventKind kind, const char* session = "") {
    return Event{.kind = kind, .pool_id = model::Id("p"), .session_id = model::Id(session)};
}
}  // namespace

TEST_CASE("every kind has a wire name that parses back") {
    for (int k = 0; k <= static_cast<int>(EventKind::decision); ++k) {
        auto kind = static_cast<EventKind>(k);
        EventKind back{};
        CHECK(parse_event_kind(to_string(kind), back));
        CHECK(back == kind);
    }
    EventKind ignored{};
    CHECK_FALSE(parse_event_kind("session_exploded", ignored));
    CHECK(to_string(EventKind::session_queued) == "session_queued");
}

TEST_CASE("subscribers see events in order with increasing seq; unsubscribing stops them") {
    EventBus bus;
    std::vector<std::int64_t> a, b;
    auto sa = bus.subscribe([&](const Event& e) { a.push_back(e.seq); });
    {
        auto sb = bus.subscribe([&](const Event& e) { b.push_back(e.seq); });
        CHECK(bus.subscriber_count() == 2);
        CHECK(bus.publish(event_of(EventKind::session_queued, "s1")) == 1);
        CHECK(bus.publish(event_of(EventKind::session_placed, "s1")) == 2);
    }
    CHECK(bus.subscriber_count() == 1);
    bus.publish(event_of(EventKind::session_ended, "s1"));
    CHECK(a == std::vector<std::int64_t>{1, 2, 3});
    CHECK(b == std::vector<std::int64_t>{1, 2});
    CHECK(bus.last_seq() == 3);
}

TEST_CASE("a handler may drop its own subscription and a later one mid-dispatch") {
    EventBus bus;
    int first_calls = 0, second_calls = 0;
    Subscription second;
    Subscription first = bus.subscribe([&](const Event&) {
        ++first_calls;
        first.reset();
        second.reset();  // not yet called in this dispatch: must not be called at all
    });
    second = bus.subscribe([&](const Event&) { ++second_calls; });
    bus.publish(event_of(EventKind::decision));
    bus.publish(event_of(EventKind::decision));
    CHECK(first_calls == 1);
    CHECK(second_calls == 0);
    CHECK(bus.subscriber_count() == 0);
}

TEST_CASE("a throwing handler does not stop the others") {
    EventBus bus;
    int seen = 0;
    auto bad = bus.subscribe([](const Event&) { throw std::runtime_error("subscriber bug"); });
    auto good = bus.subscribe([&](const Event&) { ++seen; });
    CHECK(bus.publish(event_of(EventKind::machine_ready)) == 1);
    CHECK(seen == 1);
}

TEST_CASE("since() replays what a resuming client missed, bounded by the capacity") {
    EventBus bus(3);
    for (int i = 0; i < 5; ++i) bus.publish(event_of(EventKind::session_eta));
    auto replay = bus.since(1);
    REQUIRE(replay.size() == 3);  // only the newest three are kept
    CHECK(replay.front().seq == 3);
    CHECK(replay.back().seq == 5);
    CHECK(bus.since(4).size() == 1);
    CHECK(bus.since(5).empty());
}

TEST_CASE("a handler that publishes does not disturb what later handlers see") {
    EventBus bus;
    std::vector<std::string> seen;
    auto first = bus.subscribe([&](const Event& e) {
        seen.push_back("first:" + e.session_id);
        if (e.session_id == "outer") bus.publish(event_of(EventKind::session_ended, "inner"));
    });
    auto second = bus.subscribe([&](const Event& e) {
        seen.push_back("second:" + e.session_id + "#" + std::to_string(e.seq));
    });
    CHECK(bus.publish(event_of(EventKind::session_placed, "outer")) == 1);
    CHECK(seen == std::vector<std::string>{"first:outer", "first:inner", "second:inner#2",
                                           "second:outer#1"});
}

TEST_CASE("one Event reused by the caller publishes its current contents every time") {
    EventBus bus(2);
    std::vector<std::string> seen;
    auto sub = bus.subscribe([&](const Event& e) { seen.push_back(e.session_id); });
    Event e = event_of(EventKind::session_placed);
    for (const char* id : {"ses-aaaaaaaaaaaaaaaaaaaaaaaa", "ses-b", "ses-cccccccccccccccccccccc"}) {
        e.session_id = id;
        bus.publish(e);
    }
    CHECK(seen == std::vector<std::string>{"ses-aaaaaaaaaaaaaaaaaaaaaaaa", "ses-b",
                                           "ses-cccccccccccccccccccccc"});
    auto replay = bus.since(0);
    REQUIRE(replay.size() == 2);
    CHECK(replay[0].session_id == "ses-b");
    CHECK(replay[1].session_id == "ses-cccccccccccccccccccccc");
}

TEST_CASE("a subscription outliving its bus resets harmlessly") {
    Subscription keep;
    {
        EventBus bus;
        keep = bus.subscribe([](const Event&) {});
        CHECK(keep.active());
    }
    keep.reset();
    CHECK_FALSE(keep.active());
}

TEST_CASE("unsubscribing from another thread waits for a running handler to return") {
    EventBus bus;
    std::atomic<bool> in_handler{false}, release{false}, finished{false};
    auto sub = bus.subscribe([&](const Event&) {
        in_handler = true;
        while (!release) std::this_thread::yield();
        finished = true;
    });
    std::thread publisher([&] { bus.publish(event_of(EventKind::decision)); });
    while (!in_handler) std::this_thread::yield();
    std::thread releaser([&] { release = true; });
    sub.reset();  // blocks until the dispatch is over
    CHECK(finished.load());
    publisher.join();
    releaser.join();
}

TEST_CASE("the JSON form names every member, escaped") {
    Event e = event_of(EventKind::session_queued, "ses-1");
    e.seq = 7;
    e.at = model::from_unix(0) + std::chrono::hours(24);
    e.queue_position = 2;
    e.eta_s = 45;
    e.message = "say \"why\"";
    CHECK(to_json(e) ==
          "{\"seq\":7,\"kind\":\"session_queued\",\"at\":\"1970-01-02T00:00:00Z\","
          "\"pool_id\":\"p\",\"session_id\":\"ses-1\",\"machine_id\":\"\","
          "\"queue_position\":2,\"eta_s\":45,\"message\":\"say \\\"why\\\"\"}");
}
