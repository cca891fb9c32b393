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

TEST_CASE("a predictive server config gets the forecast of its pool's arrivals") {
    runtime::PoolInputs in;
    in.pool = {"p", "pool", model::PoolKind::server};
    model::AutoScaleConfig c;
    c.id = "c";
    c.max_sessions_per_server = 4;
    c.max_users_per_server = 2;
    c.predictive_standby = true;
    c.predictive_lookback_days = 14;
    model::AutoScaleConfig plain = c;
    plain.id = "plain";
    plain.predictive_standby = false;
    in.configs = {c, plain};
    in.facts["c"].boot_s = 44.2;  // looks ceil(44.2) + 15 = 60 s ahead
    in.facts["c"].max_instances = 10;
    // A Wednesday 09:00 (1 Jan 2025 was a Wednesday); the Wednesday before saw 4 arrivals in
    // [09:00, 09:01) and one just after it.
    const std::int64_t now = 1735722000 + 7 * 86400;
    const std::int64_t week_ago = now - 7 * 86400;
    in.arrivals = {week_ago - 3600, week_ago, week_ago + 10, week_ago + 20, week_ago + 59,
                   week_ago + 60};
    in.now = model::from_unix(now);
    auto snap = runtime::build_snapshot(in);
    REQUIRE(snap.configs.size() == 2);
    REQUIRE(snap.configs[0].prediction.has_value());
    CHECK(snap.configs[0].prediction->lead_s == 60);
    CHECK(snap.configs[0].prediction->cap == 20);        // 10 instances x min(4, 2)
    // Weekdays since the history began: last Wednesday (4 in the window) and Thursday, Friday,
    // Monday, Tuesday (none): mean 0.8, expected ceil(0.8 + 2 * sqrt(0.8)) = 3.
    CHECK(snap.configs[0].prediction->expected == 3);
    CHECK_FALSE(snap.configs[1].prediction.has_value());
}
