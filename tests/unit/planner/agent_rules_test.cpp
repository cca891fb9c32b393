// Agent pools with one config: per-dimension need, overrides, unsatisfiable GPUs, removal.
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

constexpr std::int64_t kNow = 100000;

struct Case {
    const char* name;
    PoolSnapshot pool;
    int create;
    std::vector<std::string> remove;
    ReasonCode code;
};

const Resources kSmall{4, 0, 16};  // instance type: 4 cores, no GPU, 16 GiB

Config with_override(Config c, ResourceOverride o) {
    c.agent_override = o;
    return c;
}

Config with_staging(Config c, int desired, int staged, Resources per_session) {
    c.staging.push_back({"ws-chrome", desired, per_session, staged});
    return c;
}

Config blocked(Config c) {
    c.provider_capacity_blocked = true;
    return c;
}

std::vector<Case> cases() {
    const Config standby_8_64 = agent_config("c", {8, 0, 64}, kSmall, 10);
    const Config standby_4_16 = agent_config("c", {4, 0, 16}, kSmall, 10);
    return {
        {"orders by the worst dimension",
         agent_pool({standby_8_64}, {}),
         4,
         {},
         ReasonCode::kScaleUp},
        {"free = reported - used over running and starting agents",
         agent_pool({agent_config("c", {8, 0, 48}, kSmall, 10)},
                    {agent("a1", "c", {8, 0, 32}, {6, 0, 8}, 2),
                     agent("a2", "c", {8, 0, 32}, {}, 0, MachineState::kStarting)}),
         0,
         {},
         ReasonCode::kSatisfied},
        {"draining, deleting and failed agents add no free capacity",
         agent_pool({standby_4_16}, {agent("a1", "c", kSmall, {}, 0, MachineState::kDraining),
                                     agent("a2", "c", kSmall, {}, 0, MachineState::kDeleting),
                                     agent("a3", "c", kSmall, {}, 0, MachineState::kFailed)}),
         1,
         {},
         ReasonCode::kScaleUp},
        {"an override replaces what an existing agent reports (oversubscription)",
         agent_pool({with_override(agent_config("c", {12, 0, 16}, {8, 0, 32}, 10), {16, {}, {}})},
                    {agent("a1", "c", {8, 0, 32}, {}, 1)}),
         0,
         {},
         ReasonCode::kSatisfied},
        {"an override sets what a new agent adds",
         agent_pool({with_override(agent_config("c", {6, 0, 0}, {8, 0, 32}, 10), {2, {}, {}})}, {}),
         3,
         {},
         ReasonCode::kScaleUp},
        {"a GPU need that GPU-less agents cannot meet is unsatisfiable",
         agent_pool({agent_config("c", {0, 1, 0}, kSmall, 10)}, {}),
         0,
         {},
         ReasonCode::kUnsatisfiable},
        {"an unsatisfiable GPU need does not stop orders for the other dimensions",
         agent_pool({agent_config("c", {4, 1, 0}, kSmall, 10)}, {}),
         1,
         {},
         ReasonCode::kScaleUp},
        {"staging needs (desired - staged) sessions on top of standby",
         agent_pool({with_staging(agent_config("c", {2, 0, 4}, kSmall, 10), 5, 2, {2, 0, 4})}, {}),
         2,
         {},
         ReasonCode::kScaleUp},
        {"zero standby and no staging is fully on demand",
         agent_pool({agent_config("c", {}, kSmall, 10)}, {agent("a1", "c", kSmall)}),
         0,
         {"a1"},
         ReasonCode::kScaleDown},
        {"removes idle agents while no dimension falls below standby",
         agent_pool({standby_4_16},
                    {agent("a1", "c", kSmall), agent("a2", "c", kSmall), agent("a3", "c", kSmall)}),
         0,
         {"a1", "a2"},
         ReasonCode::kScaleDown},
        {"an agent with sessions (user or staged) is never removed",
         agent_pool({agent_config("c", {}, kSmall, 10)}, {agent("a1", "c", kSmall, {1, 0, 2}, 1)}),
         0,
         {},
         ReasonCode::kSatisfied},
        {"above on cores but short on memory: orders, removes nothing",
         agent_pool({agent_config("c", {4, 0, 32}, kSmall, 10)},
                    {agent("a1", "c", {16, 0, 16}), agent("a2", "c", {16, 0, 8})}),
         1,
         {},
         ReasonCode::kScaleUp},
        {"max_instances caps agents",
         agent_pool({agent_config("c", {16, 0, 0}, kSmall, 2)}, {}),
         2,
         {},
         ReasonCode::kScaleUp},
        {"a capacity-blocked provider orders nothing",
         agent_pool({blocked(standby_4_16)}, {}),
         0,
         {},
         ReasonCode::kCapacityBlocked},
        {"hand-assigned agents count but are never removed",
         agent_pool({agent_config("c", {}, kSmall, 10)}, {agent("m1", "", kSmall)}),
         0,
         {},
         ReasonCode::kSatisfied},
    };
}

TEST_CASE("agent pool rules") {
    for (const Case& k : cases()) {
        SUBCASE(k.name) {
            Plan p = plan(k.pool, at(kNow));
            REQUIRE(p.configs.size() == 1);
            const ConfigPlan& cp = p.configs[0];
            CHECK(cp.create == k.create);
            CHECK(cp.remove == k.remove);
            CHECK(cp.decision.code == k.code);
            CHECK(cp.decision.agent.has_value());
        }
    }
}

TEST_CASE("per-dimension numbers of a worst-dimension order") {
    Plan p = plan(agent_pool({agent_config("c", {8, 0, 64}, kSmall, 10)}, {}), at(kNow));
    const AgentNumbers& n = *p.configs[0].decision.agent;
    CHECK(n.dims[kCores].shortfall == 8);
    CHECK(n.dims[kCores].agents == 2);
    CHECK(n.dims[kMemory].shortfall == 64);
    CHECK(n.dims[kMemory].agents == 4);
    CHECK(n.dims[kGpus].shortfall == 0);
    CHECK(n.wanted == 4);
    CHECK(n.dims[kMemory].free_after == 64);
    CHECK(n.config_standby == Resources{8, 0, 64});
    CHECK(n.config_staging == Resources{});
}

TEST_CASE("an unsatisfiable GPU dimension is flagged, not looped on") {
    Plan p = plan(agent_pool({agent_config("c", {4, 1, 0}, kSmall, 10)}, {}), at(kNow));
    const Decision& d = p.configs[0].decision;
    CHECK(d.action == Action::kCreate);
    CHECK(d.agent->dims[kGpus].unsatisfiable);
    CHECK(d.agent->dims[kGpus].agents == 0);
    CHECK(d.agent->dims[kGpus].remaining == 1);
    CHECK(d.agent->dims[kCores].agents == 1);
    CHECK(p.summary.short_after);

    Plan only_gpu = plan(agent_pool({agent_config("c", {0, 1, 0}, kSmall, 10)}, {}), at(kNow));
    CHECK(only_gpu.configs[0].decision.action == Action::kUnsatisfiable);
    CHECK(only_gpu.configs[0].create == 0);
}

TEST_CASE("fractional amounts are summed exactly") {
    // 10 sessions of 0.1 core: a double sum would give 0.9999999999999999.
    Config c = with_staging(agent_config("c", {}, {1, 0, 1}, 10), 10, 0, {0.1, 0, 0.1});
    Plan p = plan(agent_pool({c}, {}), at(kNow));
    CHECK(p.configs[0].create == 1);
    CHECK(p.configs[0].decision.agent->dims[kCores].need == 1.0);
    CHECK(p.configs[0].decision.agent->config_staging.cores == 1.0);
}

}  // namespace
}  // namespace tidepool::planner
