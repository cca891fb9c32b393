#include "placement/placement.h"

#include <doctest/doctest.h>

using namespace tidepool;
using placement::Candidate;
using placement::Request;

namespace {
Candidate server(std::string id, int max_s, int max_u, int sessions,
                 std::vector<std::string> users = {}, std::vector<std::string> desktops = {}) {
    return Candidate{std::move(id), max_s, max_u, sessions, std::move(users), std::move(desktops)};
}
}  // namespace

TEST_CASE("headroom is the lower of sessions left and new users left") {
    struct Case { Candidate c; int want; };
    const Case cases[] = {
        {server("a", 10, 2, 0), 2},
        {server("a", 10, 2, 3, {"u1"}), 1},
        {server("a", 4, 10, 3, {"u1"}), 1},
        {server("a", 4, 10, 4, {"u1"}), 0},
        {server("a", 10, 2, 5, {"u1", "u2"}), 0},
    };
    for (const auto& tc : cases) CHECK(placement::headroom(tc.c) == tc.want);
}

TEST_CASE("one desktop per user per server; apps may share; desktop plus apps allowed") {
    Candidate c = server("a", 10, 2, 1, {"ann"}, {"ann"});
    CHECK_FALSE(placement::can_take(c, Request{"ann", model::SessionKind::desktop}));
    CHECK(placement::can_take(c, Request{"ann", model::SessionKind::app}));
    Candidate apps_only = server("a", 10, 2, 2, {"ann"});
    CHECK(placement::can_take(apps_only, Request{"ann", model::SessionKind::desktop}));
}

TEST_CASE("a user already on a full-of-users server may add sessions there") {
    Candidate c = server("a", 10, 1, 1, {"ann"});
    CHECK(placement::can_take(c, Request{"ann", model::SessionKind::app}));
    CHECK_FALSE(placement::can_take(c, Request{"bob", model::SessionKind::app}));
}

TEST_CASE("breadth-first picks the most headroom, depth-first the least, ties by id") {
    std::vector<Candidate> cs = {server("b", 4, 4, 1), server("a", 4, 4, 1), server("c", 4, 4, 3)};
    Request r{"zed", model::SessionKind::desktop};
    CHECK(*placement::choose(cs, r, model::PlacementStrategy::breadth_first) == "a");
    CHECK(*placement::choose(cs, r, model::PlacementStrategy::depth_first) == "c");
}

TEST_CASE("no server can take the request") {
    std::vector<Candidate> cs = {server("a", 1, 1, 1, {"x"}), server("b", 2, 2, 1, {"ann"}, {"ann"})};
    CHECK_FALSE(placement::choose(cs, Request{"ann", model::SessionKind::desktop},
                                  model::PlacementStrategy::breadth_first));
}
