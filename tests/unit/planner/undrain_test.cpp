// Undrain before ordering: while requests wait, a config takes back its own draining machines
// (reusable, oldest first) before it orders new ones; without a queue a drain stands.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.h"
#include "planner/decision_json.h"
#include "planner/planner.h"

namespace tidepool::planner {
namespace {

using test::agent;
using test::agent_config;
using test::agent_pool;
using test::at;
using test::request;
using test::server;
using test::server_config;
using test::server_pool;

constexpr std::int64_t kNow = 100000;
const auto kDraining = MachineState::kDraining;

Machine drained(Machine m, bool undrainable = true) {
    m.state = kDraining;
    m.undrainable = undrainable;
    return m;
}

struct Case {
    const char* name;
    PoolSnapshot pool;
    std::vector<std::string> undrain;
    int create;
    Action action;
};

std::vector<Case> cases() {
    const Config c = server_config("c", 0, 2, {}, 10);
    const Config c_min2 = server_config("c", 2, 2, {}, 10);
    const Resources small{4, 0, 16};
    return {
        {"a queued request takes back a draining server instead of a new one",
         server_pool({c}, {drained(server("s1", "c", 2, {}, 1, 1))}, {request("r1")}), {"s1"},
         0, Action::kUndrain},
        {"oldest first, only as many as the queue needs",
         server_pool({c},
                     {drained(server("s2", "c", 2, {}, 0, 0, MachineState::kRunning, 50)),
                      drained(server("s1", "c", 2, {}, 0, 0, MachineState::kRunning, 10))},
                     {request("r1"), request("r2")}),
         {"s1"}, 0, Action::kUndrain},
        {"a queue longer than the drained capacity: undrain all, order the rest",
         server_pool({c}, {drained(server("s1", "c", 2, {}, 1, 1))},
                     {request("r1"), request("r2"), request("r3")}),
         {"s1"}, 1, Action::kCreate},
        {"running headroom the queued request could not use: the drained server serves it",
         server_pool({c}, {server("s0", "c", 2, {}, 1, 1), drained(server("s1", "c", 2, {}))},
                     {request("r1")}),
         {"s1"}, 0, Action::kUndrain},
        {"no queue: the drain stands and the minimum is met by a new server",
         server_pool({c_min2}, {drained(server("s1", "c", 2, {}))}), {}, 1, Action::kCreate},
        {"a single-use server that served its session is never taken back",
         server_pool({c}, {drained(server("s1", "c", 2, {}, 1, 1), false)}, {request("r1")}),
         {}, 1, Action::kCreate},
        {"a draining server of another config is not this config's to take back",
         server_pool({c}, {drained(server("s1", "other", 2, {}))}, {request("r1")}), {}, 1,
         Action::kCreate},
        {"agent pools: a queued request takes back a draining agent that fits it",
         agent_pool({agent_config("c", {}, small, 10)}, {drained(agent("a1", "c", small))},
                    {request("r1", {2, 0, 4})}),
         {"a1"}, 0, Action::kUndrain},
        {"agent pools: no queue, standby short: a new agent, the drain stands",
         agent_pool({agent_config("c", {2, 0, 4}, small, 10)}, {drained(agent("a1", "c", small))}),
         {}, 1, Action::kCreate},
    };
}

TEST_CASE("undrain before ordering") {
    for (const Case& k : cases()) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            REQUIRE(!p.configs.empty());
            const ConfigPlan& cp = p.configs[0];
            CHECK(cp.undrain == k.undrain);
            CHECK(cp.decision.undrain == k.undrain);
            CHECK(cp.create == k.create);
            CHECK(cp.decision.action == k.action);
        }
    }
}

TEST_CASE("the decision says what it took back, in the sentence and the JSON") {
    const Config c = server_config("c", 0, 2, {}, 10);
    Plan p = plan(server_pool({c}, {drained(server("s1", "c", 2, {}, 1, 1))}, {request("r1")}),
                  at(kNow));
    const Decision& d = p.configs[0].decision;
    CHECK(d.code == ReasonCode::kScaleUp);
    CHECK(d.reason.find("taking back 1 draining server first") != std::string::npos);
    CHECK(d.reason.find("ordering") == std::string::npos);
    std::string json = to_json(p);
    CHECK(json.find("\"undrain\":[\"s1\"]") != std::string::npos);
    CHECK(json.find("\"action\":\"undrain\"") != std::string::npos);
}

}  // namespace
}  // namespace tidepool::planner
