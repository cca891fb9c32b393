// The on-demand queue's ETA per position, worked out by hand for each case.
#include <doctest/doctest.h>

#include "placement/queue_eta.h"

using tidepool::placement::IncomingCapacity;
using tidepool::placement::NextMachine;
using tidepool::placement::queue_etas;

TEST_CASE("queue ETA: table") {
    struct Case {
        const char* name;
        std::size_t queued;
        std::vector<IncomingCapacity> incoming;
        NextMachine next;
        std::vector<int> want;
    };
    const std::vector<Case> cases = {
        {"empty queue", 0, {{10, 2}}, {60, 4}, {}},
        {"nothing booting: everyone waits one boot", 3, {}, {60, 4}, {60, 60, 60}},
        {"nothing can be ordered: unknown", 2, {}, {60, 0}, {-1, -1}},
        {"one booting machine covers the head of the queue", 3, {{12.2, 2}}, {60, 4},
         {13, 13, 60}},
        {"booting machines served in ready order, not listing order", 4,
         {{40, 1}, {5, 2}, {20, 1}}, {90, 4}, {5, 5, 20, 40}},
        {"an overdue machine is ready any moment", 2, {{-3, 1}, {8, 1}}, {60, 1}, {0, 8}},
        {"a booting machine with no room adds nothing", 2, {{5, 0}, {9, 1}}, {60, 2}, {9, 60}},
        {"past all booting capacity, unknown when nothing can be ordered", 3, {{7, 1}},
         {60, 0}, {7, -1, -1}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(queue_etas(c.queued, c.incoming, c.next) == c.want);
    }
}

TEST_CASE("queue ETA: later positions never wait less than earlier ones") {
    auto etas = queue_etas(50, {{30, 3}, {10, 5}, {45, 2}, {10, 1}}, {120, 8});
    REQUIRE(etas.size() == 50);
    for (std::size_t i = 1; i < etas.size(); ++i) CHECK(etas[i - 1] <= etas[i]);
    CHECK(etas.front() == 10);
    CHECK(etas[10] == 45);   // 6 sessions at 10 s, 3 at 30 s, 2 at 45 s: position 11
    CHECK(etas[11] == 120);  // position 12 needs a machine not yet ordered
}
