// Session requests through the runtime: queueing with a position, placement once capacity
// runs, the desktop rule, release.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;
using model::SessionState;

namespace {
Result<runtime::SessionView> request(Harness& h, std::string user,
                                     model::SessionKind kind = model::SessionKind::desktop) {
    Result<runtime::SessionView> out = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { out = h.rt->request_session({"p", user, kind, 0}); });
    return out;
}
// Agent pools: a desktop holding `cores`.
Result<runtime::SessionView> request_cores(Harness& h, std::string user, double cores) {
    Result<runtime::SessionView> out = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] {
        out = h.rt->request_session({"p", user, model::SessionKind::desktop, 0, "", cores});
    });
    return out;
}
}  // namespace

TEST_CASE("a request with no capacity is queued, then placed when a server runs") {
    Harness h;
    h.add_server_pool(0);  // fully on demand
    auto first = request(h, "alice");
    REQUIRE(first.ok());
    CHECK(first->session.state == SessionState::queued);
    CHECK(first->queue_position == 1);
    CHECK(first->eta_s >= 0);
    auto second = request(h, "bob");
    CHECK(second->queue_position == 2);

    h.tick();  // queued requests are demand: one server (2 sessions) covers both
    CHECK(h.gateway.vm_count() == 1);
    h.gateway.set_all_running();
    h.tick();
    h.tick();
    auto placed = h.store->get_session(first->session.id).value();
    CHECK(placed.state == SessionState::placed);
    CHECK(h.store->get_session(second->session.id)->state == SessionState::placed);
    CHECK(placed.server_id == h.servers(MachineState::running).at(0).id);
}

TEST_CASE("one desktop per user per server; apps may share") {
    Harness h;
    h.add_server_pool(2);
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    h.tick();
    REQUIRE(h.servers(MachineState::running).size() == 1);
    CHECK(request(h, "alice")->session.state == SessionState::placed);
    CHECK(request(h, "alice", model::SessionKind::app)->session.state == SessionState::placed);
    CHECK(request(h, "alice")->session.state == SessionState::queued);
}

TEST_CASE("a pool that cannot grow refuses with the reason") {
    Harness h;
    auto c = h.add_server_pool(0);
    c.enabled = false;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    auto r = request(h, "alice");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::capacity);
    CHECK(r.error().message.find("no active autoscale config") != std::string::npos);
}

TEST_CASE("a queued request fails after the pool's maximum wait, saying why") {
    Harness h;
    h.add_server_pool(0, /*max_instances=*/0);
    model::Pool p = h.store->get_pool("p").value();
    p.max_queue_wait_s = 10;
    REQUIRE(h.store->put_pool(p).ok());
    // Capacity is booting (a hand-made starting server), so the request may queue.
    model::Server booting;
    booting.id = "srv-boot";
    booting.pool_id = "p";
    booting.state = MachineState::starting;
    REQUIRE(h.store->put_server(booting).ok());
    auto r = request(h, "alice");
    REQUIRE(r.ok());
    h.advance(11);
    h.tick();
    auto s = h.store->get_session(r->session.id).value();
    CHECK(s.state == SessionState::failed);
    CHECK(s.failure_reason.find("maximum wait of 10 s") != std::string::npos);
}

TEST_CASE("release ends a placed session and cancels a queued one; twice is fine") {
    Harness h;
    h.add_server_pool(0);
    auto r = request(h, "alice");
    Result<void> done = make_error(ErrorCode::internal, "");
    h.on_strand([&] { done = h.rt->release_session(r->session.id); });
    CHECK(done.ok());
    CHECK(h.store->get_session(r->session.id)->state == SessionState::cancelled);
    h.on_strand([&] { done = h.rt->release_session(r->session.id); });
    CHECK(done.ok());
}

TEST_CASE("agent pools place through the agent index at override-aware capacity") {
    Harness h;
    auto c = h.add_server_pool(0);
    model::Pool p = h.store->get_pool("p").value();
    p.kind = model::PoolKind::agent;
    REQUIRE(h.store->put_pool(p).ok());
    auto put_agent = [&](const char* id, double cores) {
        model::Server a;
        a.id = id;
        a.pool_id = "p";
        a.config_id = "c";
        a.state = MachineState::running;
        a.cores = cores;
        a.memory_gib = 16;
        REQUIRE(h.store->put_server(a).ok());
    };
    put_agent("agt-a", 4);
    put_agent("agt-b", 8);
    model::Session busy;
    busy.id = "ses-busy";
    busy.pool_id = "p";
    busy.server_id = "agt-b";
    busy.user = "carol";
    busy.state = SessionState::placed;
    busy.cores = 3;
    REQUIRE(h.store->put_session(busy).ok());
    // Spread, as reported: a has 4 free cores, b 8 - 3 = 5, so b wins.
    CHECK(request_cores(h, "alice", 1)->session.server_id == "agt-b");
    // The config's override now says every agent has 5 cores: a 5 free, b 5 - 3 = 2.
    c.agent_cores_override = 5;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    CHECK(request_cores(h, "bob", 1)->session.server_id == "agt-a");
}

TEST_CASE("an inactive agent config's agents take no new sessions") {
    Harness h;
    auto c = h.add_server_pool(0);
    model::Pool p = h.store->get_pool("p").value();
    p.kind = model::PoolKind::agent;
    REQUIRE(h.store->put_pool(p).ok());
    model::Server a;
    a.id = "agt-a";
    a.pool_id = "p";
    a.config_id = "c";
    a.state = MachineState::running;
    a.cores = 8;
    a.memory_gib = 16;
    REQUIRE(h.store->put_server(a).ok());
    CHECK(request_cores(h, "alice", 1)->session.server_id == "agt-a");
    c.enabled = false;  // inactive: its agents are closed to new sessions, and it cannot grow
    REQUIRE(h.store->put_autoscale_config(c).ok());
    auto refused = request_cores(h, "bob", 1);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::capacity);
}

TEST_CASE("a server remembers when its last session ended, and the planner sees it") {
    Harness h;
    h.add_server_pool(1);
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    auto alice = request(h, "alice");
    REQUIRE(alice->session.state == SessionState::placed);
    const auto server = alice->session.server_id;
    CHECK(h.store->get_server(server)->last_session_end_at == model::Instant{});
    h.advance(90);
    h.on_strand([&] { REQUIRE(h.rt->release_session(alice->session.id).ok()); });
    const auto ended_at = h.rt->now();
    CHECK(h.store->get_server(server)->last_session_end_at == ended_at);
    // A later write of the server row from an older copy does not move it back.
    auto row = h.store->get_server(server).value();
    row.last_session_end_at = {};
    REQUIRE(h.store->put_server(row).ok());
    CHECK(h.store->get_server(server)->last_session_end_at == ended_at);

    Result<planner::PoolSnapshot> snap = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { snap = h.rt->snapshot("p"); });
    REQUIRE(snap.ok());
    auto m = std::find_if(snap->machines.begin(), snap->machines.end(),
                          [&](const auto& x) { return x.id == server; });
    REQUIRE(m != snap->machines.end());
    CHECK(m->last_session_end_at == ended_at);
}

TEST_CASE("a server pool refuses a sized request rather than ignore the size") {
    Harness h;
    h.add_server_pool(1);
    Result<runtime::SessionView> r = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] {
        r = h.rt->request_session({"p", "alice", model::SessionKind::desktop, 0, "", 2});
    });
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "/cores");
}
