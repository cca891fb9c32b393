// Rows → planner snapshot: which machines count and how sessions become load.
#include <doctest/doctest.h>

#include "runtime/snapshot_builder.h"

using namespace tidepool;

TEST_CASE("gone machines are left out; placed sessions load their server; queued ones queue") {
    runtime::PoolInputs in;
    in.pool = {"p", "pool", model::PoolKind::server};
    model::AutoScaleConfig c;
    c.id = "c";
    c.priority = 5;
    c.max_sessions_per_server = 3;
    c.max_users_per_server = 2;
    in.configs = {c};
    model::Server up;
    up.id = "s1";
    up.config_id = "c";
    up.state = model::MachineState::running;
    up.max_sessions = 3;
    up.max_users = 2;
    model::Server gone = up;
    gone.id = "s2";
    gone.state = model::MachineState::gone;
    in.servers = {up, gone};
    model::Session a;
    a.id = "a";
    a.user = "ann";
    a.server_id = "s1";
    a.state = model::SessionState::placed;
    model::Session b = a;
    b.id = "b";
    b.kind = model::SessionKind::app;
    model::Session q;
    q.id = "q";
    q.user = "bob";
    q.state = model::SessionState::queued;
    q.priority = 7;
    in.sessions = {a, b, q};
    in.facts["c"] = {true, 4, false, std::nullopt};

    auto snap = runtime::build_snapshot(in);
    REQUIRE(snap.machines.size() == 1);
    CHECK(snap.machines[0].active_sessions == 2);
    CHECK(snap.machines[0].active_users == 1);
    REQUIRE(snap.configs.size() == 1);
    CHECK(snap.configs[0].max_instances == 4);
    CHECK(snap.configs[0].new_server_max_sessions == 3);
    REQUIRE(snap.queue.size() == 1);
    CHECK(snap.queue[0].priority_class == -7);
}
