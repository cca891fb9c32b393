// SessionRegistry: placing and ending by session id keeps the index's counts right, restores
// what the store holds, and refuses duplicates and unknown servers.
#include <doctest/doctest.h>

#include "placement/session_registry.h"

using namespace tidepool;
using model::SessionKind;
using placement::SessionRegistry;

TEST_CASE("place and end by session id") {
    SessionRegistry r(model::PlacementStrategy::breadth_first);
    r.servers().set_available(r.servers().add_server("a", 2, 2), true);
    auto slot = r.place("ses-1", "ann", SessionKind::desktop);
    REQUIRE(slot);
    CHECK(r.servers().id_of(*slot) == "a");
    CHECK_FALSE(r.place("ses-1", "ann", SessionKind::app));  // the id is already placed
    CHECK_FALSE(r.place("ses-2", "ann", SessionKind::desktop));  // desktop rule
    CHECK(r.place("ses-3", "ann", SessionKind::app));
    CHECK(r.size() == 2);
    auto ended = r.end("ses-1");
    REQUIRE(ended);
    CHECK(ended->kind == SessionKind::desktop);
    CHECK_FALSE(r.end("ses-1"));  // twice: nothing left to end
    CHECK(r.place("ses-4", "ann", SessionKind::desktop));  // the desktop slot is free again
    CHECK(r.servers().sessions_on(*slot) == 2);
}

TEST_CASE("restore rebuilds the counts the store holds") {
    SessionRegistry r(model::PlacementStrategy::breadth_first);
    r.servers().set_available(r.servers().add_server("a", 2, 2), true);
    r.servers().set_available(r.servers().add_server("b", 2, 2), true);
    CHECK(r.restore("ses-1", "a", "ann", SessionKind::desktop));
    CHECK_FALSE(r.restore("ses-1", "a", "ann", SessionKind::desktop));
    CHECK_FALSE(r.restore("ses-2", "zz", "ann", SessionKind::desktop));
    // breadth-first now prefers b (2 free) over a (1 free); ann's second desktop must too.
    CHECK(r.servers().id_of(*r.place("ses-3", "bob", SessionKind::desktop)) == "b");
    CHECK(r.find("ses-3").has_value());
    CHECK(!r.find("ses-9").has_value());
}

TEST_CASE("recycled entries keep working across many place/end cycles") {
    SessionRegistry r(model::PlacementStrategy::depth_first);
    r.reserve(1, 4, 4);
    r.servers().set_available(r.servers().add_server("a", 3, 3), true);
    for (int i = 0; i < 1000; ++i) {
        std::string id = "ses-" + std::to_string(i);
        REQUIRE(r.place(id, "u" + std::to_string(i % 3), SessionKind::app));
        if (i >= 2) REQUIRE(r.end("ses-" + std::to_string(i - 2)));
    }
    CHECK(r.size() == 2);
    CHECK(r.servers().sessions_on(0) == 2);
}

TEST_CASE("a session's placement reads back whole: server, user and kind") {
    SessionRegistry r(model::PlacementStrategy::breadth_first);
    for (const char* id : {"a", "b", "c"})
        r.servers().set_available(r.servers().add_server(id, 4, 4), true);
    auto desk = r.place("ses-d", "ann", SessionKind::desktop);
    auto app = r.place("ses-a", "bob", SessionKind::app);
    REQUIRE(desk);
    REQUIRE(app);
    auto d = r.find("ses-d");
    REQUIRE(d);
    CHECK(d->slot == *desk);
    CHECK(d->kind == SessionKind::desktop);
    CHECK(r.user_name(d->user) == "ann");
    CHECK(r.restore("ses-r", "c", "cat", SessionKind::app));
    auto restored = r.find("ses-r");
    REQUIRE(restored);
    CHECK(r.servers().id_of(restored->slot) == "c");
    CHECK(restored->kind == SessionKind::app);
    CHECK(r.user_name(restored->user) == "cat");
    auto ended = r.end("ses-a");
    REQUIRE(ended);
    CHECK(ended->slot == *app);
    CHECK(r.user_name(ended->user) == "bob");
    CHECK(ended->kind == SessionKind::app);
}
