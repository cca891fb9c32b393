// session_size: how much of an agent a request holds, and which requests are refused, by name.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "runtime/session_size.h"

using namespace tidepool;
using runtime::SizingInputs;
using runtime::session_size;
using placement::Amounts;

namespace {

model::StagingConfig staging(const char* id, const char* workspace, double cores,
                             bool enabled = true) {
    model::StagingConfig c;
    c.id = id;
    c.pool_id = "agents";
    c.workspace = workspace;
    c.cores = cores;
    c.memory_gib = 2 * cores;
    c.enabled = enabled;
    return c;
}

// One autoscale config whose agents offer 8 cores, 1 GPU and 32 GiB (cores overridden to 16).
SizingInputs agent_pool(Amounts asked, std::string workspace = "") {
    SizingInputs in;
    in.pool_kind = model::PoolKind::agent;
    in.pool_id = "agents";
    in.workspace = std::move(workspace);
    in.asked = asked;
    in.staging = {staging("nb-b", "notebook", 2, false), staging("nb-a", "notebook", 1),
                  staging("ide", "ide", 4)};
    model::AutoScaleConfig c;
    c.id = "c";
    c.agent_cores = 8;
    c.agent_cores_override = 16;
    c.agent_gpus = 1;
    c.agent_memory_gib = 32;
    in.configs = {c};
    return in;
}

struct Case {
    const char* name;
    Amounts asked;
    const char* workspace;
    Amounts want;
};

struct Refusal {
    const char* name;
    Amounts asked;
    const char* workspace;
    const char* field;
    const char* says;
};

}  // namespace

TEST_CASE("an agent-pool request holds what it asks, else its workspace's staging size") {
    const Case cases[] = {
        {"explicit amounts win over the workspace", {3, 0, 4}, "notebook", {3, 0, 4}},
        {"no amounts: the enabled staging config of the workspace", {}, "notebook", {1, 0, 2}},
        {"another workspace, another size", {}, "ide", {4, 0, 8}},
        {"the override is what an agent offers", {16, 1, 32}, "", {16, 1, 32}},
        {"GPUs alone are a size", {0, 1, 0}, "", {0, 1, 0}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto got = session_size(agent_pool(c.asked, c.workspace));
        REQUIRE(got.ok());
        CHECK(got->cores == c.want.cores);
        CHECK(got->gpus == c.want.gpus);
        CHECK(got->memory_gib == c.want.memory_gib);
    }
}

TEST_CASE("a disabled workspace config still sizes a request when it is the only one") {
    auto in = agent_pool({}, "notebook");
    in.staging = {staging("nb-b", "notebook", 2, false)};
    CHECK(session_size(in)->cores == 2);
}

TEST_CASE("refusals name the member and say what to do") {
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    const Refusal cases[] = {
        {"negative", {-1, 0, 0}, "", "/cores", "-1 is not allowed; use a number >= 0"},
        {"not a number", {0, nan, 0}, "", "/gpus", "use a number >= 0"},
        {"infinite", {0, 0, inf}, "", "/memory_gib", "use a number >= 0"},
        {"no size and no workspace", {}, "", "/cores", "needs a size"},
        {"no size, unknown workspace", {}, "spreadsheet", "/cores", "needs a size"},
        {"more cores than any agent", {17, 0, 0}, "", "/cores",
         "can hold 17 cores (the largest offers 16)"},
        {"more GPUs than any agent", {1, 2, 0}, "", "/gpus", "the largest offers 1"},
        {"more memory than any agent", {1, 0, 64}, "", "/memory_gib", "the largest offers 32"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto got = session_size(agent_pool(c.asked, c.workspace));
        REQUIRE_FALSE(got.ok());
        CHECK(got.error().code == ErrorCode::invalid);
        CHECK(got.error().field == c.field);
        CHECK(got.error().message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("each dimension fits some agent but no agent fits all of them") {
    auto in = agent_pool({12, 1, 0});
    model::AutoScaleConfig gpu;  // small GPU agents beside big CPU-only ones
    gpu.id = "gpu";
    gpu.agent_cores = 4;
    gpu.agent_gpus = 1;
    in.configs[0].agent_gpus = 0;
    in.configs.push_back(gpu);
    auto got = session_size(in);
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().message.find("no single agent") != std::string::npos);
}

TEST_CASE("a running agent bigger than any config's new agents counts") {
    auto in = agent_pool({24, 0, 0});
    int asked = 0;
    in.agent_shapes = [&] {
        ++asked;
        return std::vector<Amounts>{{32, 0, 64}};
    };
    CHECK(session_size(in).ok());
    CHECK(asked == 1);
    in.asked = {2, 0, 0};  // a config's agents hold it: the running agents are not asked
    CHECK(session_size(in).ok());
    CHECK(asked == 1);
    in.agent_shapes = [] { return std::vector<Amounts>{}; };
    in.asked = {24, 0, 0};
    CHECK_FALSE(session_size(in).ok());
}

TEST_CASE("server pools count sessions: any amount is refused, none is fine") {
    SizingInputs in;
    in.pool_id = "desktops";
    CHECK(session_size(in).ok());
    in.asked = {0, 0, 4};
    auto got = session_size(in);
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().field == "/memory_gib");
    CHECK(got.error().message.find("server pool") != std::string::npos);
}
