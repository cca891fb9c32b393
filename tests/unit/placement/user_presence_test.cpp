// UserPresence: entries per (user, server), inline and spilled, agree with a std::map over a
// random history that puts users on many more servers than fit inline.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "placement/user_presence.h"

using tidepool::placement::UserPresence;

TEST_CASE("add, find and remove; a sixth server spills and comes back inline after removal") {
    UserPresence p;
    bool added = false;
    for (tidepool::placement::Slot s = 0; s < 7; ++s) {
        p.find_or_add(3, s, added).sessions = 1;
        CHECK(added);
    }
    p.find_or_add(3, 6, added);
    CHECK_FALSE(added);
    CHECK(p.find(3, 6)->sessions == 1);
    CHECK(p.find(2, 6) == nullptr);   // another user
    CHECK(p.find(99, 0) == nullptr);  // a user never seen
    p.remove(3, 0);
    p.remove(3, 6);
    CHECK(p.find(3, 0) == nullptr);
    CHECK(p.find(3, 6) == nullptr);
    std::set<tidepool::placement::Slot> servers;
    p.for_each(3, [&](const UserPresence::Entry& e) { servers.insert(e.server); });
    CHECK(servers == std::set<tidepool::placement::Slot>{1, 2, 3, 4, 5});
}

TEST_CASE("a random history agrees with a std::map") {
    std::mt19937 rng(5);
    UserPresence p;
    p.reserve(4, 2);  // small: the spill slab grows during the run
    std::map<std::pair<unsigned, unsigned>, unsigned> want;  // (user, server) → sessions
    for (int step = 0; step < 20000; ++step) {
        unsigned user = rng() % 6, server = rng() % 12;
        if (rng() % 2 == 0) {
            bool added = false;
            ++p.find_or_add(user, server, added).sessions;
            REQUIRE(added == (want[{user, server}]++ == 0));
        } else if (auto it = want.find({user, server}); it != want.end()) {
            p.remove(user, server);
            want.erase(it);
        }
        std::map<unsigned, unsigned> seen;
        p.for_each(user, [&](const UserPresence::Entry& e) { seen[e.server] = e.sessions; });
        for (unsigned s = 0; s < 12; ++s) {
            auto it = want.find({user, s});
            unsigned expected = it == want.end() ? 0 : it->second;
            REQUIRE(seen[s] == expected);
            const UserPresence::Entry* e = p.find(user, s);
            REQUIRE((e ? e->sessions : 0) == expected);
        }
    }
}
