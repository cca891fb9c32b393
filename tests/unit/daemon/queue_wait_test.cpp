#include <doctest/doctest.h>

#include "daemon/queue_wait.h"

using namespace tidepool;
using runtime::Event;
using runtime::EventKind;

namespace {

Event event(EventKind kind, const char* session, int at_s) {
    Event e;
    e.kind = kind;
    e.session_id = session;
    e.at = model::Instant{std::chrono::seconds(at_s)};
    return e;
}

}  // namespace

TEST_CASE("waits run from queued to placed; placed at once is 0 s; abandoned ones are forgotten") {
    daemon::QueueWait wait;
    runtime::EventBus bus;
    auto subscription = wait.attach(bus);
    bus.publish(event(EventKind::session_queued, "a", 100));
    bus.publish(event(EventKind::session_queued, "b", 100));
    bus.publish(event(EventKind::session_placed, "c", 101));  // never queued: placed at once
    bus.publish(event(EventKind::session_eta, "a", 110));     // an update changes nothing
    bus.publish(event(EventKind::session_placed, "a", 140));  // waited 40 s
    bus.publish(event(EventKind::session_ended, "b", 150));   // withdrawn: no wait recorded
    bus.publish(event(EventKind::session_placed, "b", 160));  // (cannot happen; counts as 0)
    auto s = wait.snapshot();
    CHECK(s.count == 3);
    CHECK(s.sum == doctest::Approx(40));
    CHECK(s.cumulative[0] == 2);  // le=1: the two immediate placements
    CHECK(s.cumulative[4] == 3);  // le=60: all three
}
