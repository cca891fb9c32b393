// The staged-session rules, one table row per situation (see staging/staging_plan.h).
#include <doctest/doctest.h>

#include "fixtures.h"

using namespace tidepool;
using namespace tidepool::staging;
using namespace tidepool::staging::test;
using model::Id;

namespace {

struct Row {
    const char* name;
    PoolView pool;
    StagingPlan want;
};

PoolView pool_of(std::vector<model::StagingConfig> configs, std::vector<model::Server> agents,
                 std::vector<model::Session> sessions, std::set<Id> inactive = {}) {
    PoolView p;
    p.configs = std::move(configs);
    p.agents = std::move(agents);
    p.sessions = std::move(sessions);
    p.inactive_configs = std::move(inactive);
    p.now = at(10);
    return p;
}

}  // namespace

TEST_CASE("plan_staging: create, expire, drop") {
    const Row rows[] = {
        {"an empty pool stages on the agent with the most room",
         pool_of({config("nb", "notebook", 2)}, {agent("a1", 8), agent("a2", 4)}, {}),
         {{}, {}, {{"nb", "a1"}, {"nb", "a1"}}}},
        {"placed user sessions take room first",
         pool_of({config("nb", "notebook", 2)}, {agent("a1", 8), agent("a2", 8)},
                 {placed("u1", "a1", 6)}),
         {{}, {}, {{"nb", "a2"}, {"nb", "a2"}}}},
        {"a full config creates nothing",
         pool_of({config("nb", "notebook", 1)}, {agent("a1", 8)},
                 {staged("s1", "a1", "nb", "notebook", 20)}),
         {}},
        {"an expired session is replaced, even on the room it frees",
         pool_of({config("nb", "notebook", 1)}, {agent("a1", 2)},
                 {staged("s1", "a1", "nb", "notebook", 10)}),
         {{"s1"}, {}, {{"nb", "a1"}}}},
        {"a disabled config drops its sessions and creates none",
         pool_of({config("nb", "notebook", 2, 2, false)}, {agent("a1", 8)},
                 {staged("s1", "a1", "nb", "notebook", 20)}),
         {{}, {"s1"}, {}}},
        {"a removed config's sessions are dropped",
         pool_of({}, {agent("a1", 8)}, {staged("s1", "a1", "gone", "notebook", 20)}),
         {{}, {"s1"}, {}}},
        {"an inactive autoscale config's agents lose theirs; the rest restage elsewhere",
         pool_of({config("nb", "notebook", 1)}, {agent("a1", 8, "night"), agent("a2", 8)},
                 {staged("s1", "a1", "nb", "notebook", 20)}, {"night"}),
         {{}, {"s1"}, {{"nb", "a2"}}}},
        {"a lowered count drops the soonest-expiring surplus",
         pool_of({config("nb", "notebook", 1)}, {agent("a1", 8)},
                 {staged("s1", "a1", "nb", "notebook", 30),
                  staged("s2", "a1", "nb", "notebook", 12)}),
         {{}, {"s2"}, {}}},
        {"room for one of two: the rest waits for the planner's agents",
         pool_of({config("nb", "notebook", 2, 6)}, {agent("a1", 8)}, {}),
         {{}, {}, {{"nb", "a1"}}}},
        {"starting agents take nothing",
         pool_of({config("nb", "notebook", 1)},
                 {agent("a1", 8, "cheap", model::MachineState::starting)}, {}),
         {}},
        {"configs are topped up in id order",
         pool_of({config("zz", "b", 1, 4), config("aa", "a", 1, 4)}, {agent("a1", 4)}, {}),
         {{}, {}, {{"aa", "a1"}}}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(plan_staging(row.pool) == row.want);
    }
}

TEST_CASE("plan_staging packs depth-first pools") {
    PoolView pool = pool_of({config("nb", "notebook", 1)}, {agent("a1", 8), agent("a2", 8)},
                            {placed("u1", "a2", 4)});
    pool.strategy = model::PlacementStrategy::depth_first;
    CHECK(plan_staging(pool).create == std::vector<StagedCreate>{{"nb", "a2"}});
}

TEST_CASE("take_staged: the matching usable session that expires soonest") {
    struct TakeRow {
        const char* name;
        PoolView pool;
        const char* workspace;
        std::optional<Id> want;
    };
    const auto sessions = std::vector<model::Session>{staged("late", "a1", "nb", "notebook", 30),
                                                      staged("soon", "a2", "nb", "notebook", 12),
                                                      staged("other", "a1", "rs", "rstudio", 11)};
    const TakeRow rows[] = {
        {"soonest expiry of the workspace",
         pool_of({config("nb", "notebook", 2), config("rs", "rstudio", 1)},
                 {agent("a1", 8), agent("a2", 8)}, sessions),
         "notebook", Id("soon")},
        {"no staged session for the workspace",
         pool_of({config("nb", "notebook", 2)}, {agent("a1", 8), agent("a2", 8)}, sessions),
         "matlab", std::nullopt},
        {"not on an inactive config's agent",
         pool_of({config("nb", "notebook", 2)}, {agent("a1", 8), agent("a2", 8, "night")},
                 sessions, {"night"}),
         "notebook", Id("late")},
        {"not from a disabled config",
         pool_of({config("rs", "rstudio", 1, 2, false)}, {agent("a1", 8)}, sessions), "rstudio",
         std::nullopt},
        {"not an expired one",
         pool_of({config("nb", "notebook", 2)}, {agent("a1", 8), agent("a2", 8)},
                 {staged("old", "a1", "nb", "notebook", 10)}),
         "notebook", std::nullopt},
    };
    for (const TakeRow& row : rows) {
        CAPTURE(row.name);
        CHECK(take_staged(row.pool, row.workspace) == row.want);
    }
}
