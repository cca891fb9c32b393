// Several configs on one pool: priority order, spill-over, pool-wide floor, inactive configs.
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
using test::server;
using test::server_config;
using test::server_pool;

constexpr std::int64_t kNow = 100000;
const Resources kSmall{4, 0, 16};

Config inactive(Config c, std::int64_t backoff_s = 0, std::int64_t scaled_up_ago = 0) {
    c.active = false;
    c.downscale_backoff_s = backoff_s;
    if (backoff_s > 0) c.last_scale_up_at = at(kNow - scaled_up_ago);
    return c;
}

Config blocked(Config c) {
    c.provider_capacity_blocked = true;
    return c;
}

struct Expect {
    int create;
    std::vector<std::string> remove;
    ReasonCode code;
};

struct Case {
    const char* name;
    PoolSnapshot pool;
    std::vector<Expect> per_config;  // in evaluation order
};

std::vector<Case> server_cases() {
    // "proxmox" is cheap and evaluated first; "cloud" takes what it cannot.
    const Config proxmox = server_config("proxmox", 10, 4, {}, 1, 0);
    const Config cloud = server_config("cloud", 10, 4, {}, 10, 1);
    return {
        {"a config at max_instances spills the rest to the next",
         server_pool({cloud, proxmox}, {}),
         {{1, {}, ReasonCode::kScaleUp}, {2, {}, ReasonCode::kScaleUp}}},
        {"a capacity-blocked config spills everything to the next",
         server_pool({blocked(server_config("proxmox", 10, 4, {}, 5, 0)), cloud}, {}),
         {{0, {}, ReasonCode::kCapacityBlocked}, {3, {}, ReasonCode::kScaleUp}}},
        {"spill-over reaches a later config whose own minimum is lower",
         server_pool(
             {server_config("proxmox", 6, 4, {}, 0, 0), server_config("cloud", 0, 4, {}, 9, 1)},
             {}),
         {{0, {}, ReasonCode::kAtMaxInstances}, {2, {}, ReasonCode::kScaleUp}}},
        {"a later config sees what an earlier one ordered in this plan",
         server_pool({server_config("a", 5, 4, {}, 10, 0), server_config("b", 5, 4, {}, 10, 1)},
                     {}),
         {{2, {}, ReasonCode::kScaleUp}, {0, {}, ReasonCode::kPoolShort}}},
        {"scale-down starts with the last config in priority order",
         server_pool({server_config("a", 4, 4, {}, 10, 0), server_config("b", 4, 4, {}, 10, 1)},
                     {server("a1", "a", 4, {}), server("a2", "a", 4, {}), server("b1", "b", 4, {}),
                      server("b2", "b", 4, {})}),
         {{0, {"a1"}, ReasonCode::kScaleDown}, {0, {"b1", "b2"}, ReasonCode::kScaleDown}}},
        {"an earlier config keeps what a later config's minimum needs",
         server_pool({server_config("a", 2, 4, {}, 10, 0), server_config("b", 8, 4, {}, 10, 1)},
                     {server("a1", "a", 4, {}), server("a2", "a", 4, {})}),
         {{0, {}, ReasonCode::kSatisfied}, {0, {}, ReasonCode::kSatisfied}}},
        {"an inactive config removes idle servers after the backoff and keeps busy ones",
         server_pool({inactive(server_config("day", 10, 4, {}, 10), 300, 1000)},
                     {server("d1", "day", 4, {}), server("d2", "day", 4, {}, 1, 1)}),
         {{0, {"d1"}, ReasonCode::kInactive}}},
        {"an inactive config keeps idle servers during the backoff",
         server_pool({inactive(server_config("day", 10, 4, {}, 10), 300, 100)},
                     {server("d1", "day", 4, {})}),
         {{0, {}, ReasonCode::kInactiveBackoff}}},
        {"an inactive config orders nothing, however short",
         server_pool({inactive(server_config("day", 10, 4, {}, 10))}, {}),
         {{0, {}, ReasonCode::kInactive}}},
        {"what an inactive config removes is no longer headroom for the active ones",
         server_pool({server_config("night", 4, 4, {}, 10, 0),
                      inactive(server_config("day", 20, 4, {}, 10, 1))},
                     {server("d1", "day", 4, {})}),
         {{1, {}, ReasonCode::kScaleUp}, {0, {"d1"}, ReasonCode::kInactive}}},
    };
}

std::vector<Case> agent_cases() {
    Config day = agent_config("day", {}, kSmall, 10, 1);
    day.staging.push_back({"ws", 3, {1, 0, 2}, 3});
    return {
        {"agent spill-over: a capped on-prem config, then the cloud",
         agent_pool({agent_config("proxmox", {16, 0, 0}, kSmall, 2, 0),
                     agent_config("cloud", {16, 0, 0}, kSmall, 10, 1)},
                    {}),
         {{2, {}, ReasonCode::kScaleUp}, {2, {}, ReasonCode::kScaleUp}}},
        {"a GPU need one config cannot meet passes to a config with GPUs",
         agent_pool({agent_config("cpu", {0, 1, 0}, kSmall, 10, 0),
                     agent_config("gpu", {0, 1, 0}, {8, 1, 32}, 10, 1)},
                    {}),
         {{0, {}, ReasonCode::kUnsatisfiable}, {1, {}, ReasonCode::kScaleUp}}},
        {"an inactive agent config drops staged sessions and its agents are not capacity",
         agent_pool({agent_config("night", {2, 0, 8}, kSmall, 10, 0), inactive(day)},
                    {agent("d1", "day", {8, 0, 32}, {3, 0, 6}, 3)}),
         {{1, {}, ReasonCode::kScaleUp}, {0, {}, ReasonCode::kInactive}}},
        {"an inactive agent config removes idle agents after the backoff",
         agent_pool({inactive(agent_config("day", {8, 0, 0}, kSmall, 10), 60, 120)},
                    {agent("d1", "day", kSmall), agent("d2", "day", kSmall, {1, 0, 1}, 1)}),
         {{0, {"d1"}, ReasonCode::kInactive}}},
        {"off hours: only the always-on config's standby applies",
         agent_pool({agent_config("always", {4, 0, 16}, kSmall, 10, 0),
                     inactive(agent_config("business", {32, 0, 128}, kSmall, 10, 1))},
                    {agent("a1", "always", kSmall), agent("a2", "always", kSmall)}),
         {{0, {"a1"}, ReasonCode::kScaleDown}, {0, {}, ReasonCode::kInactive}}},
    };
}

void check(const Case& k) {
    Plan p = plan(k.pool, at(kNow));
    REQUIRE(p.configs.size() == k.per_config.size());
    for (std::size_t i = 0; i < p.configs.size(); ++i) {
        INFO("config " << p.configs[i].config_id << ": " << p.configs[i].decision.reason);
        CHECK(p.configs[i].create == k.per_config[i].create);
        CHECK(p.configs[i].remove == k.per_config[i].remove);
        CHECK(p.configs[i].decision.code == k.per_config[i].code);
    }
}

TEST_CASE("several server configs on one pool") {
    for (const Case& k : server_cases()) {
        SUBCASE(k.name) { check(k); }
    }
}

TEST_CASE("several agent configs on one pool") {
    for (const Case& k : agent_cases()) {
        SUBCASE(k.name) { check(k); }
    }
}

TEST_CASE("inactive agent configs report the staged sessions to drop") {
    Config day = agent_config("day", {}, kSmall, 10);
    day.staging = {{"ws-chrome", 5, {1, 0, 2}, 3}, {"ws-idle", 2, {1, 0, 2}, 0}};
    Plan p =
        plan(agent_pool({inactive(day)}, {agent("d1", "day", {8, 0, 32}, {3, 0, 6}, 3)}), at(kNow));
    REQUIRE(p.configs[0].drop_staged.size() == 1);
    CHECK(p.configs[0].drop_staged[0] == StagedDrop{"ws-chrome", 3});
    CHECK(p.configs[0].decision.staged_dropped == 3);
    CHECK(p.configs[0].remove.empty());
}

TEST_CASE("a spilled config sees the headroom earlier configs ordered") {
    Plan p = plan(server_pool({server_config("proxmox", 10, 4, {}, 1, 0),
                               server_config("cloud", 10, 4, {}, 10, 1)},
                              {}),
                  at(kNow));
    CHECK(p.configs[0].decision.server->remaining_shortfall == 6);
    CHECK(p.configs[1].decision.server->headroom == 4);
    CHECK(p.configs[1].decision.server->shortfall == 6);
    CHECK_FALSE(p.summary.short_after);
}

}  // namespace
}  // namespace tidepool::planner
