// The snapshot file: what `tidepool snapshot` writes, `tidepool plan --snapshot` reads back
// exactly, and bad hand edits are refused with their JSON pointer.
#include <doctest/doctest.h>

#include "dryrun/snapshot_json.h"
#include "planner/planner.h"

using namespace tidepool;

namespace {

planner::PoolSnapshot sample() {
    planner::PoolSnapshot p;
    p.id = "desktops";
    p.kind = planner::PoolKind::kServer;
    planner::Machine m;
    m.id = "srv-1";
    m.config_id = "c";
    m.state = planner::MachineState::kStarting;
    m.max_sessions = 4;
    m.max_users = 2;
    m.active_sessions = 1;
    m.active_users = 1;
    m.created_at = planner::Instant{std::chrono::seconds{1'800'000'000}};
    m.last_session_end_at = planner::Instant{std::chrono::seconds{1'800'000'100}};
    planner::Machine fresh = m;  // never had a session: unset instants are written as null
    fresh.id = "srv-2";
    fresh.last_session_end_at.reset();
    fresh.max_users.reset();
    p.machines = {m, fresh};
    planner::Config c;
    c.id = "c";
    c.priority = 10;
    c.max_instances = 5;
    c.min_available_sessions = 6;
    c.new_server_max_sessions = 4;
    c.agent_override.gpus = 2;
    c.staging = {{"ws", 3, {1, 0, 2}, 1}};
    c.last_scale_up_at = planner::Instant{std::chrono::seconds{1'799'999'000}};
    p.configs = {c};
    p.queue = {{"q1", "ann", planner::RequestKind::kApp, {}, -2,
                planner::Instant{std::chrono::seconds{1'800'000'050}}}};
    return p;
}

}  // namespace

TEST_CASE("a written snapshot reads back identically and plans the same") {
    auto at = planner::Instant{std::chrono::seconds{1'800'000'200}};
    auto text = dryrun::write_snapshot(sample(), at);
    auto back = dryrun::parse_snapshot(text);
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().field + ": " + back.error().message));
    CHECK(back->pool.machines == sample().machines);
    CHECK(back->pool.configs == sample().configs);
    CHECK(back->pool.queue == sample().queue);
    CHECK(back->at == at);
    CHECK(planner::plan(back->pool, at) == planner::plan(sample(), at));
}

TEST_CASE("bad snapshots are refused with the pointer of the mistake") {
    struct Case { const char* text; const char* field; };
    const Case cases[] = {
        {R"({"id":"p","kind":"pool"})", "/kind"},
        {R"({"id":"p","machines":[{"id":"m","state":"booting"}]})", "/machines/0/state"},
        {R"({"id":"p","machines":[{"id":"m","max_sessions":-1}]})", "/machines/0/max_sessions"},
        {R"({"id":"p","configs":[{"id":"c","staging":[{"workspace":"w","desired_count":"2"}]}]})",
         "/configs/0/staging/0/desired_count"},
        {R"({"id":"p","queue":[{"id":"q","enqueued_at":"yesterday"}]})", "/queue/0/enqueued_at"},
        {R"({"id":"p","colour":"blue"})", "/colour"},
        {R"({"kind":"server"})", "/id"},
    };
    for (const auto& c : cases) {
        auto r = dryrun::parse_snapshot(c.text);
        REQUIRE_FALSE_MESSAGE(r.ok(), c.text);
        CHECK_MESSAGE(r.error().field == c.field, c.text, " gave ", r.error().field, ": ",
                      r.error().message);
    }
}
