// Server pools with one config: headroom, ordering, caps, removal and backoff.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.h"
#include "planner/planner.h"

namespace tidepool::planner {
namespace {

using test::at;
using test::server;
using test::server_config;
using test::server_pool;

constexpr std::int64_t kNow = 100000;
const auto kStarting = MachineState::kStarting;

struct Case {
    const char* name;
    PoolSnapshot pool;
    int create;
    std::vector<std::string> remove;
    ReasonCode code;
    std::int64_t headroom;  // what the config saw
};

Config with_backoff(Config c, std::int64_t backoff_s, std::int64_t scaled_up_ago) {
    c.downscale_backoff_s = backoff_s;
    c.last_scale_up_at = at(kNow - scaled_up_ago);
    return c;
}

Machine idle_since(Machine m, std::int64_t t) {
    m.last_session_end_at = at(t);
    return m;
}

std::vector<Case> cases() {
    const Config c = server_config("c", 5, 4, std::nullopt, 10);
    // The brief's SSH/RemoteApp shape: 2 users, up to 10 sessions each.
    const Config ssh = server_config("c", 5, 20, 2, 10);
    return {
        {"headroom per server is min(sessions left, new users left)",
         server_pool({server_config("c", 3, 20, 2, 10)},
                     {server("s1", "c", 20, 2, 3, 1), server("s2", "c", 20, 2)}),
         0,
         {},
         ReasonCode::kSatisfied,
         3},
        {"a server whose users are all in takes no new user even with sessions left",
         server_pool({ssh}, {server("s1", "c", 20, 2, 3, 2), server("s2", "c", 20, 2)}),
         2,
         {},
         ReasonCode::kScaleUp,
         2},
        {"booting servers count toward headroom",
         server_pool({c}, {server("s1", "c", 2, {}), server("s2", "c", 4, {}, 0, 0, kStarting)}),
         0,
         {},
         ReasonCode::kSatisfied,
         6},
        {"draining, deleting and failed servers do not count",
         server_pool({c}, {server("s1", "c", 2, {}, 1, 1),
                           server("s2", "c", 4, {}, 0, 0, MachineState::kDraining),
                           server("s3", "c", 4, {}, 0, 0, MachineState::kDeleting),
                           server("s4", "c", 4, {}, 0, 0, MachineState::kFailed)}),
         1,
         {},
         ReasonCode::kScaleUp,
         1},
        {"orders ceil(shortfall / new-server headroom)",
         server_pool({server_config("c", 9, 4, {}, 10)}, {}),
         3,
         {},
         ReasonCode::kScaleUp,
         0},
        {"hand-assigned servers count as headroom",
         server_pool({c}, {server("m1", "", 6, {})}),
         0,
         {},
         ReasonCode::kSatisfied,
         6},
        {"max_instances caps the order; machines in every state count against it",
         server_pool({server_config("c", 9, 4, {}, 3)},
                     {server("s1", "c", 4, {}, 4, 4),
                      server("s2", "c", 4, {}, 0, 0, MachineState::kFailed)}),
         1,
         {},
         ReasonCode::kScaleUp,
         0},
        {"a config at max_instances orders nothing",
         server_pool({server_config("c", 9, 4, {}, 1)}, {server("s1", "c", 4, {}, 4, 4)}),
         0,
         {},
         ReasonCode::kAtMaxInstances,
         0},
        {"a new server with no headroom is unsatisfiable, not looped on",
         server_pool({server_config("c", 2, 0, {}, 10)}, {}),
         0,
         {},
         ReasonCode::kUnsatisfiable,
         0},
        {"never removes a server with sessions",
         server_pool({server_config("c", 0, 4, {}, 10)},
                     {server("s1", "c", 10, {}, 1, 1), server("s2", "c", 10, {}, 9, 9)}),
         0,
         {},
         ReasonCode::kSatisfied,
         10},
        {"removes idle servers only while headroom stays at the minimum",
         server_pool(
             {c}, {server("s1", "c", 4, {}), server("s2", "c", 4, {}), server("s3", "c", 4, {})}),
         0,
         {"s1"},
         ReasonCode::kScaleDown,
         12},
        {"removes the longest-idle server first",
         server_pool({server_config("c", 0, 4, {}, 10)},
                     {idle_since(server("s1", "c", 4, {}), 500),
                      idle_since(server("s2", "c", 4, {}), 100), server("s3", "c", 4, {}, 1, 1)}),
         0,
         {"s2", "s1"},
         ReasonCode::kScaleDown,
         11},
        {"never removes a starting server",
         server_pool({server_config("c", 0, 4, {}, 10)},
                     {server("s1", "c", 4, {}, 0, 0, kStarting)}),
         0,
         {},
         ReasonCode::kSatisfied,
         4},
        {"never removes a hand-assigned server",
         server_pool({server_config("c", 0, 4, {}, 10)}, {server("m1", "", 4, {})}),
         0,
         {},
         ReasonCode::kSatisfied,
         4},
        {"downscale backoff blocks scale-down",
         server_pool(
             {with_backoff(c, 300, 100)},
             {server("s1", "c", 4, {}), server("s2", "c", 4, {}), server("s3", "c", 4, {})}),
         0,
         {},
         ReasonCode::kBackoffHold,
         12},
        {"scale-down resumes once the backoff has passed",
         server_pool(
             {with_backoff(c, 300, 300)},
             {server("s1", "c", 4, {}), server("s2", "c", 4, {}), server("s3", "c", 4, {})}),
         0,
         {"s1"},
         ReasonCode::kScaleDown,
         12},
        {"backoff does not hold scale-up",
         server_pool({with_backoff(c, 300, 10)}, {}),
         2,
         {},
         ReasonCode::kScaleUp,
         0},
    };
}

TEST_CASE("server pool rules") {
    for (const Case& k : cases()) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            REQUIRE(p.configs.size() == 1);
            const ConfigPlan& cp = p.configs[0];
            CHECK(cp.create == k.create);
            CHECK(cp.remove == k.remove);
            CHECK(cp.decision.code == k.code);
            REQUIRE(cp.decision.server.has_value());
            CHECK(cp.decision.server->headroom == k.headroom);
            CHECK(cp.decision.create == cp.create);
            CHECK(cp.decision.remove == cp.remove);
        }
    }
}

TEST_CASE("the backoff decision says how long it still holds") {
    Config c = with_backoff(server_config("c", 0, 4, {}, 10), 300, 100);
    Plan p = plan(server_pool({c}, {server("s1", "c", 4, {})}), at(kNow));
    CHECK(p.configs[0].decision.in_backoff);
    CHECK(p.configs[0].decision.backoff_remaining_s == 200);
    CHECK(p.configs[0].decision.backoff_until == at(kNow + 200));
}

TEST_CASE("a capped order passes the rest of the shortfall on") {
    Plan p = plan(server_pool({server_config("c", 9, 4, {}, 2)}, {}), at(kNow));
    const ServerNumbers& n = *p.configs[0].decision.server;
    CHECK(n.wanted == 3);
    CHECK(p.configs[0].create == 2);
    CHECK(n.remaining_shortfall == 1);
    CHECK(p.summary.short_after);
    CHECK(p.summary.remaining_shortfall == 1);
}

TEST_CASE("configs are evaluated in (priority, id) order whatever the snapshot order") {
    PoolSnapshot s =
        server_pool({server_config("z", 1, 4, {}, 1, 1), server_config("b", 1, 4, {}, 1, 0),
                     server_config("a", 1, 4, {}, 1, 1)},
                    {});
    Plan p = plan(s, at(kNow));
    REQUIRE(p.configs.size() == 3);
    CHECK(p.configs[0].config_id == "b");
    CHECK(p.configs[1].config_id == "a");
    CHECK(p.configs[2].config_id == "z");
}

}  // namespace
}  // namespace tidepool::planner
