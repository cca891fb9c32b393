// Attributing staging demand to a pool's autoscale configs for the planner snapshot.
#include <doctest/doctest.h>

#include "fixtures.h"
#include "staging/staging_requirements.h"

using namespace tidepool;
using namespace tidepool::staging;
using namespace tidepool::staging::test;
using planner::StagingRequirement;

namespace {

const planner::Resources kPer{2, 0, 1};

PoolView pool_of(std::vector<model::Session> sessions, std::set<model::Id> inactive = {},
                 bool enabled = true) {
    PoolView p;
    p.configs = {config("nb", "notebook", 3, 2, enabled)};
    p.agents = {agent("a1", 8, "cheap"), agent("a2", 8, "cloud")};
    p.sessions = std::move(sessions);
    p.inactive_configs = std::move(inactive);
    p.now = at(10);
    return p;
}

}  // namespace

TEST_CASE("staging_requirements") {
    using Out = std::map<model::Id, std::vector<StagingRequirement>>;
    const std::vector<model::Id> order{"cheap", "cloud"};
    struct Row {
        const char* name;
        PoolView pool;
        Out want;
    };
    const Row rows[] = {
        {"nothing staged: the cheapest active config carries the demand", pool_of({}),
         Out{{"cheap", {{"notebook", 3, kPer, 0}}}}},
        {"sessions on another config's agents count against the demand",
         pool_of({staged("s1", "a2", "nb", "notebook", 20), staged("s2", "a1", "nb", "notebook", 20)}),
         Out{{"cheap", {{"notebook", 2, kPer, 1}}}, {"cloud", {{"notebook", 1, kPer, 1}}}}},
        {"an inactive cheap config reports its staged sessions with no demand (dropped)",
         pool_of({staged("s1", "a1", "nb", "notebook", 20)}, {"cheap"}),
         Out{{"cheap", {{"notebook", 1, kPer, 1}}}, {"cloud", {{"notebook", 3, kPer, 0}}}}},
        {"expired sessions are not ready ones",
         pool_of({staged("s1", "a1", "nb", "notebook", 9)}),
         Out{{"cheap", {{"notebook", 3, kPer, 0}}}}},
        {"a disabled staging config asks for nothing new",
         pool_of({staged("s1", "a1", "nb", "notebook", 20)}, {}, false),
         Out{{"cheap", {{"notebook", 1, kPer, 1}}}}},
        {"every config inactive: no demand at all", pool_of({}, {"cheap", "cloud"}), Out{}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        CHECK(staging_requirements(row.pool, order) == row.want);
    }
}
