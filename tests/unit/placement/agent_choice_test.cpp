// fill_agent_registry: the runtime's agent-pool placement from store rows — overrides, states,
// inactive configs, the amounts already in use, and spread versus pack.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "placement/agent_choice.h"

using namespace tidepool;
using model::MachineState;
using model::PlacementStrategy;
using placement::Amounts;

namespace {
model::Server agent(const char* id, double cores, double gpus, double memory,
                    MachineState state = MachineState::running, const char* config = "cfg") {
    model::Server s;
    s.id = id;
    s.config_id = config;
    s.state = state;
    s.cores = cores;
    s.gpus = gpus;
    s.memory_gib = memory;
    return s;
}

model::Session on(const char* server, double cores, double gpus, double memory) {
    static int n = 0;
    model::Session s;
    s.id = "ses-" + std::to_string(++n);
    s.server_id = server;
    s.state = model::SessionState::placed;
    s.cores = cores;
    s.gpus = gpus;
    s.memory_gib = memory;
    return s;
}

model::AutoScaleConfig config(std::optional<double> cores, std::optional<double> gpus = {},
                              std::optional<double> memory = {}) {
    model::AutoScaleConfig c;
    c.id = "cfg";
    c.agent_cores_override = cores;
    c.agent_gpus_override = gpus;
    c.agent_memory_gib_override = memory;
    return c;
}
}  // namespace

TEST_CASE("an override replaces what the agent reports, per dimension") {
    auto a = agent("a", 4, 0, 16);
    CHECK(placement::agent_capacity(a, nullptr).cores == 4);
    auto over = config(16, std::nullopt, 64);
    auto cap = placement::agent_capacity(a, &over);
    CHECK(cap.cores == 16);
    CHECK(cap.gpus == 0);  // not overridden: as reported
    CHECK(cap.memory_gib == 64);
}

TEST_CASE("agent placement: states, amounts in use, overrides, spread and pack") {
    struct Case {
        const char* name;
        std::vector<model::Server> agents;
        std::vector<model::Session> placed;
        std::vector<model::AutoScaleConfig> configs;
        std::set<model::Id> inactive;
        Amounts need;
        PlacementStrategy strategy;
        std::string want;  // "" = none fits
    };
    const Case cases[] = {
        {"spread takes the most free cores", {agent("a", 4, 0, 16), agent("b", 8, 0, 16)}, {},
         {}, {}, {2, 0, 4}, PlacementStrategy::breadth_first, "b"},
        {"pack takes the tightest fit", {agent("a", 4, 0, 16), agent("b", 8, 0, 16)}, {}, {},
         {}, {2, 0, 4}, PlacementStrategy::depth_first, "a"},
        {"placed sessions use their amounts", {agent("a", 4, 0, 16), agent("b", 8, 0, 16)},
         {on("b", 6, 0, 4)}, {}, {}, {2, 0, 4}, PlacementStrategy::breadth_first, "a"},
        {"only running agents take sessions",
         {agent("a", 4, 0, 16, MachineState::draining),
          agent("b", 4, 0, 16, MachineState::starting)},
         {}, {}, {}, {1, 0, 1}, PlacementStrategy::breadth_first, ""},
        {"an inactive config's agents take nothing", {agent("a", 8, 0, 16)}, {}, {config({})},
         {"cfg"}, {1, 0, 1}, PlacementStrategy::breadth_first, ""},
        {"an override makes room the instance type does not have", {agent("a", 4, 0, 16)},
         {on("a", 4, 0, 4)}, {config(8)}, {}, {2, 0, 4}, PlacementStrategy::breadth_first, "a"},
        {"a lowered override leaves no room", {agent("a", 8, 0, 16)}, {on("a", 2, 0, 4)},
         {config(2)}, {}, {1, 0, 1}, PlacementStrategy::breadth_first, ""},
        {"GPUs must fit too", {agent("a", 8, 0, 16), agent("g", 4, 1, 16)}, {}, {}, {},
         {1, 1, 1}, PlacementStrategy::breadth_first, "g"},
        {"sessions on an unknown server are ignored", {agent("a", 2, 0, 4)},
         {on("gone", 2, 0, 4)}, {}, {}, {2, 0, 4}, PlacementStrategy::breadth_first, "a"},
    };
    for (const auto& tc : cases) {
        CAPTURE(tc.name);
        placement::AgentRegistry registry(placement::fit_for(tc.strategy));
        placement::fill_agent_registry(registry, tc.agents, tc.placed, tc.configs, tc.inactive);
        auto got = registry.place("ses-new", tc.need);
        CHECK((got ? registry.agents().id_of(*got) : std::string()) == tc.want);
    }
}

TEST_CASE("AgentRegistry: a session frees exactly what it held, once") {
    placement::AgentRegistry registry(placement::AgentFit::spread);
    auto a = registry.agents().add_agent("a", {4, 0, 8});
    registry.agents().set_available(a, true);
    CHECK(registry.place("s1", {3, 0, 4}).has_value());
    CHECK_FALSE(registry.place("s1", {1, 0, 1}).has_value());  // an id is placed once
    CHECK_FALSE(registry.place("s2", {2, 0, 1}).has_value());  // 1 core left
    CHECK(registry.restore("s3", "a", {1, 0, 1}));
    CHECK_FALSE(registry.restore("s4", "nowhere", {1, 0, 1}));
    CHECK(registry.end("s1"));
    CHECK_FALSE(registry.end("s1"));
    CHECK(registry.agents().free_on(a).cores == 3);
    CHECK(registry.agents().free_on(a).memory_gib == 7);
}
