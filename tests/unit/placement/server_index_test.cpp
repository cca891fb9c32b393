// ServerPoolIndex: each placement rule as a table, and a randomized run against the plain
// linear scan (placement::choose) as the oracle, with places, ends, drains and new servers.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

#include "placement/placement.h"
#include "placement/server_index.h"

using namespace tidepool;
using model::PlacementStrategy;
using model::SessionKind;
using placement::ServerPoolIndex;

namespace {
constexpr auto kDesktop = SessionKind::desktop;
constexpr auto kApp = SessionKind::app;

struct Server {
    const char* id;
    int max_sessions;
    int max_users;
};

// Builds an index with every server available; returns the chosen id or "" for none.
struct Pool {
    explicit Pool(PlacementStrategy strategy, std::vector<Server> servers) : index(strategy) {
        for (const auto& s : servers)
            index.set_available(index.add_server(s.id, s.max_sessions, s.max_users), true);
    }
    std::string choose(placement::UserKey user, SessionKind kind) {
        auto slot = index.choose(user, kind);
        return slot ? index.id_of(*slot) : "";
    }
    std::string place(placement::UserKey user, SessionKind kind) {
        auto slot = index.choose(user, kind);
        if (!slot) return "";
        index.place(*slot, user, kind);
        return index.id_of(*slot);
    }
    ServerPoolIndex index;
};
}  // namespace

TEST_CASE("breadth-first spreads evenly, depth-first fills one server first, ties by id") {
    struct Case {
        PlacementStrategy strategy;
        std::vector<std::string> want;  // where users 0..5 land, one desktop each
    };
    const Case cases[] = {
        {PlacementStrategy::breadth_first, {"a", "b", "c", "a", "b", "c"}},
        {PlacementStrategy::depth_first, {"a", "a", "a", "b", "b", "b"}},
    };
    for (const auto& tc : cases) {
        Pool pool(tc.strategy, {{"c", 3, 3}, {"a", 3, 3}, {"b", 3, 3}});
        std::vector<std::string> got;
        for (placement::UserKey u = 0; u < 6; ++u) got.push_back(pool.place(u, kDesktop));
        CHECK(got == tc.want);
    }
}

TEST_CASE("one desktop per user per server; apps share; desktop plus apps on one server") {
    Pool pool(PlacementStrategy::depth_first, {{"a", 10, 10}, {"b", 10, 10}});
    CHECK(pool.place(7, kDesktop) == "a");
    CHECK(pool.place(7, kDesktop) == "b");  // a second desktop must go elsewhere
    CHECK(pool.place(7, kApp) == "a");      // apps may join the desktop
    CHECK(pool.place(7, kApp) == "a");
    CHECK(pool.choose(7, kDesktop).empty());  // a desktop on every server already
    CHECK(pool.place(8, kDesktop) == "a");    // others are unaffected
}

TEST_CASE("session and user caps; a user already on a server needs no new user slot") {
    Pool pool(PlacementStrategy::breadth_first, {{"a", 3, 1}});
    CHECK(pool.place(1, kDesktop) == "a");
    CHECK(pool.index.headroom(0) == 0);      // the one user slot is taken
    CHECK(pool.choose(2, kApp).empty());     // a new user does not fit
    CHECK(pool.place(1, kApp) == "a");       // the same user does
    CHECK(pool.place(1, kApp) == "a");
    CHECK(pool.choose(1, kApp).empty());     // the session cap holds for everyone
    CHECK(pool.index.sessions_on(0) == 3);
}

TEST_CASE("drain takes a server out of placement and out of pool headroom; undrain restores") {
    Pool pool(PlacementStrategy::breadth_first, {{"a", 2, 2}, {"b", 2, 2}});
    CHECK(pool.index.pool_headroom() == 4);
    pool.index.set_available(*pool.index.find("a"), false);
    CHECK(pool.index.pool_headroom() == 2);
    CHECK(pool.place(1, kDesktop) == "b");
    CHECK(pool.place(2, kDesktop) == "b");
    CHECK(pool.choose(3, kDesktop).empty());
    pool.index.set_available(*pool.index.find("a"), true);
    CHECK(pool.index.pool_headroom() == 2);
    CHECK(pool.place(3, kDesktop) == "a");
}

TEST_CASE("ending sessions frees the slots, and ending one never placed changes nothing") {
    Pool pool(PlacementStrategy::breadth_first, {{"a", 1, 1}});
    CHECK(pool.place(1, kDesktop) == "a");
    pool.index.end(0, 2, kDesktop);  // user 2 has nothing here
    CHECK(pool.index.sessions_on(0) == 1);
    pool.index.end(0, 1, kDesktop);
    CHECK(pool.index.sessions_on(0) == 0);
    CHECK(pool.index.users_on(0) == 0);
    CHECK(pool.place(2, kDesktop) == "a");
}

TEST_CASE("re-adding a known server keeps its slot and takes the new limits") {
    Pool pool(PlacementStrategy::breadth_first, {{"a", 1, 1}});
    CHECK(pool.place(1, kDesktop) == "a");
    CHECK(pool.index.add_server("a", 3, 3) == 0);
    CHECK(pool.index.headroom(0) == 2);
    CHECK(pool.place(2, kDesktop) == "a");
}

namespace {
// The oracle's view of the same pool, rebuilt from scratch for every decision.
struct Mirror {
    struct Held {
        int user;
        SessionKind kind;
    };
    std::map<std::string, std::pair<int, int>> limits;  // id → (max sessions, max users)
    std::map<std::string, bool> available;
    std::map<std::string, std::vector<Held>> held;

    std::vector<placement::Candidate> candidates() const {
        std::vector<placement::Candidate> out;
        for (const auto& [id, lim] : limits) {
            if (!available.at(id)) continue;
            placement::Candidate c{id, lim.first, lim.second, 0, {}, {}};
            auto it = held.find(id);
            for (const auto& h : it == held.end() ? std::vector<Held>{} : it->second) {
                ++c.sessions;
                auto u = std::to_string(h.user);
                if (std::find(c.users.begin(), c.users.end(), u) == c.users.end())
                    c.users.push_back(u);
                if (h.kind == kDesktop) c.desktop_users.push_back(u);
            }
            out.push_back(std::move(c));
        }
        return out;
    }
};

// `huge` > 0 adds one server with that many session and user slots: a key window too wide for
// the bucket queue's budget, so the index runs on its MinTree fallback.
void random_run(PlacementStrategy strategy, unsigned seed, int huge = 0) {
    std::mt19937 rng(seed);
    ServerPoolIndex index(strategy);
    Mirror mirror;
    auto add = [&](int n) {
        std::string id = "s" + std::to_string(n);
        int ms = 1 + static_cast<int>(rng() % 5), mu = 1 + static_cast<int>(rng() % 4);
        index.set_available(index.add_server(id, ms, mu), true);
        mirror.limits[id] = {ms, mu};
        mirror.available[id] = true;
    };
    for (int i = 0; i < 12; ++i) add(i);
    if (huge > 0) {
        index.set_available(index.add_server("z", huge, huge), true);
        mirror.limits["z"] = {huge, huge};
        mirror.available["z"] = true;
    }
    for (int step = 0; step < 4000; ++step) {
        std::int64_t room = 0;
        for (const auto& c : mirror.candidates()) room += placement::headroom(c);
        REQUIRE(index.pool_headroom() == room);
        unsigned op = rng() % 10;
        if (op < 6) {  // a request
            int user = static_cast<int>(rng() % 9);
            SessionKind kind = rng() % 3 == 0 ? kApp : kDesktop;
            auto want = placement::choose(mirror.candidates(),
                                          {std::to_string(user), kind}, strategy);
            auto got = index.choose(static_cast<placement::UserKey>(user), kind);
            REQUIRE(want.has_value() == got.has_value());
            if (!got) continue;
            REQUIRE(index.id_of(*got) == *want);
            index.place(*got, static_cast<placement::UserKey>(user), kind);
            mirror.held[*want].push_back({user, kind});
        } else if (op < 9) {  // an end
            if (mirror.held.empty()) continue;
            auto it = std::next(mirror.held.begin(), static_cast<long>(rng() % mirror.held.size()));
            if (it->second.empty()) continue;
            auto pos = it->second.begin() + static_cast<long>(rng() % it->second.size());
            index.end(*index.find(it->first), static_cast<placement::UserKey>(pos->user),
                      pos->kind);
            it->second.erase(pos);
        } else if (op == 9 && rng() % 4 == 0) {  // a new server, or new limits for one
            // Random ids land anywhere in id order, so positions shift under live sessions.
            std::string id = "s" + std::to_string(rng() % 40);
            int ms = 1 + static_cast<int>(rng() % 5), mu = 1 + static_cast<int>(rng() % 4);
            auto slot = index.add_server(id, ms, mu);
            if (!mirror.limits.count(id)) mirror.available[id] = false;
            mirror.limits[id] = {ms, mu};
            index.set_available(slot, mirror.available[id]);
        } else {  // drain or undrain a server
            auto it = std::next(mirror.available.begin(),
                                static_cast<long>(rng() % mirror.available.size()));
            it->second = !it->second;
            index.set_available(*index.find(it->first), it->second);
        }
    }
}
}  // namespace

TEST_CASE("the index chooses exactly what the linear scan chooses, over random histories") {
    for (unsigned seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        random_run(PlacementStrategy::breadth_first, seed);
        random_run(PlacementStrategy::depth_first, seed);
        random_run(PlacementStrategy::breadth_first, seed, 1'000'000'000);
        random_run(PlacementStrategy::depth_first, seed, 1'000'000'000);
    }
}
