// Queued on-demand requests as demand: normal mode packs, aggressive mode orders one each.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "builders.h"
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
const auto kStarting = MachineState::kStarting;

Config aggressive(Config c) {
    c.aggressive = true;
    return c;
}

std::vector<QueuedRequest> requests(int n, Resources each = {}) {
    std::vector<QueuedRequest> out;
    for (int i = 0; i < n; ++i) out.push_back(request("r" + std::to_string(i), each, i));
    return out;
}

struct Case {
    const char* name;
    PoolSnapshot pool;
    int create;
    std::int64_t uncovered;
};

std::vector<Case> server_cases() {
    const Config normal = server_config("c", 0, 4, {}, 10);
    const Machine booting = server("s1", "c", 4, {}, 0, 0, kStarting);
    return {
        {"normal: queued requests are packed onto new servers",
         server_pool({normal}, {}, requests(2)), 1, 0},
        {"normal: booting capacity covers the queue, nothing more is ordered",
         server_pool({normal}, {booting}, requests(3)), 0, 0},
        {"normal: the queue and the minimum add up",
         server_pool({server_config("c", 2, 4, {}, 10)}, {booting}, requests(3)), 1, 0},
        {"aggressive: one server per queued request",
         server_pool({aggressive(normal)}, {}, requests(3)), 3, 3},
        {"aggressive: only requests booting capacity does not cover get a server",
         server_pool({aggressive(normal)}, {server("s1", "c", 2, {}, 0, 0, kStarting)},
                     requests(3)),
         1, 1},
        {"aggressive: never past max_instances",
         server_pool({aggressive(server_config("c", 0, 4, {}, 2))}, {}, requests(5)), 2, 5},
        {"aggressive: the minimum is packed after the queued requests",
         server_pool({aggressive(server_config("c", 9, 4, {}, 10))}, {}, requests(2)), 3, 2},
        // Whatever is still queued could not use a running server's headroom (the runtime
        // places every request it can first): only starting and new servers serve the queue.
        {"normal: running headroom the queue could not use does not cover it",
         server_pool({normal}, {server("s1", "c", 4, {}, 3, 3)}, requests(1)), 1, 0},
        {"normal: running headroom still counts toward the minimum",
         server_pool({server_config("c", 3, 4, {}, 10)}, {server("s1", "c", 4, {}, 1, 1)},
                     requests(2)),
         1, 0},
        {"normal: a starting server covers what running headroom could not",
         server_pool({normal}, {server("s1", "c", 4, {}, 3, 3), booting}, requests(1)), 0, 0},
        {"aggressive: requests running headroom could not take get a server each",
         server_pool({aggressive(normal)}, {server("s1", "c", 4, {}, 0, 0)}, requests(2)), 2, 2},
    };
}

std::vector<Case> agent_cases() {
    const Config normal = agent_config("c", {}, {4, 0, 16}, 10);
    const Resources each{2, 0, 4};
    return {
        {"normal: queued demand is packed by the worst dimension",
         agent_pool({normal}, {}, requests(3, each)), 2, 0},
        {"normal: booting agents cover queued demand",
         agent_pool({normal}, {agent("a1", "c", {8, 0, 16}, {}, 0, kStarting)}, requests(3, each)),
         0, 0},
        {"aggressive: one agent per queued request",
         agent_pool({aggressive(normal)}, {}, requests(3, each)), 3, 3},
        {"aggressive: requests free capacity covers get none",
         agent_pool({aggressive(normal)}, {agent("a1", "c", {2, 0, 4}, {}, 0, kStarting)},
                    requests(3, each)),
         2, 2},
        {"aggressive: never past max_instances",
         agent_pool({aggressive(agent_config("c", {}, {4, 0, 16}, 1))}, {}, requests(3, each)), 1,
         3},
    };
}

TEST_CASE("queued requests in server pools") {
    for (const Case& k : server_cases()) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            CHECK(p.configs[0].create == k.create);
            CHECK(p.configs[0].decision.server->uncovered_requests == k.uncovered);
            CHECK(p.configs[0].decision.server->queued ==
                  static_cast<std::int64_t>(k.pool.queue.size()));
        }
    }
}

TEST_CASE("queued requests in agent pools") {
    for (const Case& k : agent_cases()) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            CHECK(p.configs[0].create == k.create);
            CHECK(p.configs[0].decision.agent->uncovered_requests == k.uncovered);
        }
    }
}

TEST_CASE("aggressive agents serve the queue by priority class, then arrival") {
    // Free capacity fits the small, late, low-priority request but not the big urgent one,
    // which is served first; so both count as uncovered.
    QueuedRequest small = request("small", {1, 0, 1}, 0);
    small.priority_class = 1;
    QueuedRequest big = request("big", {8, 0, 8}, 50);
    big.priority_class = 0;
    PoolSnapshot pool = agent_pool({aggressive(agent_config("c", {}, {8, 0, 32}, 10))},
                                   {agent("a1", "c", {1, 0, 1}, {}, 0, kStarting)}, {small, big});
    Plan p = plan(pool, at(kNow));
    CHECK(p.configs[0].decision.agent->uncovered_requests == 2);
    CHECK(p.configs[0].create == 2);
}

// A request larger than a config's agents on some dimension was admitted because an existing
// (hand-assigned, say) agent can hold it: it waits for that agent, and the config's agents,
// which could never hold it, are not ordered for it.
TEST_CASE("agents are ordered only for queued requests they could hold") {
    const Config small = agent_config("small", {}, {4, 0, 16}, 10);
    const QueuedRequest big = request("big", {8, 0, 32}, 0);
    std::vector<QueuedRequest> mixed = requests(2, {2, 0, 4});
    mixed.push_back(big);

    Plan alone = plan(agent_pool({small}, {}, {big}), at(kNow));
    CHECK(alone.configs[0].create == 0);
    CHECK(alone.configs[0].decision.agent->dims[kCores].queued == 0);
    CHECK(alone.summary.short_after);  // the pool still owes the big request its room

    Plan with_small = plan(agent_pool({small}, {}, mixed), at(kNow));
    CHECK(with_small.configs[0].create == 1);  // one 4-core agent holds both 2-core requests
    CHECK(with_small.configs[0].decision.agent->dims[kCores].queued == 4);

    Plan eager = plan(agent_pool({aggressive(small)}, {}, mixed), at(kNow));
    CHECK(eager.configs[0].decision.agent->uncovered_requests == 2);
    CHECK(eager.configs[0].create == 2);

    // Cost-ordered spill-over still reaches a larger config that can hold it.
    const Config large = agent_config("large", {}, {16, 0, 64}, 10, 1);
    Plan both = plan(agent_pool({small, large}, {}, {big}), at(kNow));
    REQUIRE(both.configs.size() == 2);
    CHECK(both.configs[0].create == 0);
    CHECK(both.configs[1].create == 1);
}

TEST_CASE("a queue no active config can serve stays short in the summary") {
    Config c = server_config("c", 0, 4, {}, 10);
    c.active = false;
    Plan p = plan(server_pool({c}, {}, requests(2)), at(kNow));
    CHECK(p.configs[0].create == 0);
    CHECK(p.summary.short_after);
    CHECK(p.summary.remaining_shortfall == 2);
}

TEST_CASE("queued requests keep idle servers from being removed") {
    Config c = server_config("c", 0, 4, {}, 10);
    Plan p =
        plan(server_pool({c}, {server("s1", "c", 4, {}), server("s2", "c", 4, {})}, requests(5)),
             at(kNow));
    CHECK(p.configs[0].remove.empty());
}

}  // namespace
}  // namespace tidepool::planner
