// Staged sessions through the runtime: the planner orders an agent for staging demand, the
// sessions are staged on it, a request for the workspace takes one and it is refilled, an
// expired one is replaced, and an inactive autoscale config drops the unused ones.
#include <doctest/doctest.h>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;
using model::SessionState;

namespace {

// Agent pool "p" (4 cores per agent, no standby) with staging config "nb": 2 × 1 core.
void add_agent_pool(Harness& h) {
    REQUIRE(h.store->put_pool({"p", "pool", model::PoolKind::agent}).ok());
    model::ProviderConfig pc{"pc", "fake", model::ProviderKind::vm, "org.test.fake",
                             "{\"max_instances\":3}", 3};
    REQUIRE(h.store->put_provider_config(pc).ok());
    model::AutoScaleConfig c;
    c.id = "c";
    c.pool_id = "p";
    c.vm_provider_id = "pc";
    c.agent_cores = 4;
    c.agent_memory_gib = 16;
    c.downscale_backoff_s = 30;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    model::StagingConfig nb;
    nb.id = "nb";
    nb.pool_id = "p";
    nb.workspace = "notebook";
    nb.desired_count = 2;
    nb.expiry_hours = 1;
    nb.cores = 1;
    nb.memory_gib = 2;
    REQUIRE(h.store->put_staging_config(nb).ok());
}

std::vector<model::Session> staged(Harness& h) {
    return h.store->list_sessions({.states = {SessionState::staged}}).value();
}

void run_agents(Harness& h) {
    h.tick();  // the planner orders an agent for the staging demand
    h.gateway.set_all_running();
    for (int i = 0; i < 3; ++i) h.tick();
}

}  // namespace

TEST_CASE("staged sessions: created, taken and refilled, expired and replaced, dropped") {
    Harness h;
    add_agent_pool(h);
    run_agents(h);
    REQUIRE(h.servers(MachineState::running).size() == 1);
    const auto first = staged(h);
    REQUIRE(first.size() == 2);
    CHECK(first[0].user.empty());
    CHECK(first[0].workspace == "notebook");
    CHECK(first[0].expires_at == h.rt->now() + std::chrono::hours(1));

    Result<runtime::SessionView> taken = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] {
        taken = h.rt->request_session({"p", "ada", model::SessionKind::desktop, 0, "notebook"});
    });
    REQUIRE(taken.ok());
    CHECK(taken->session.state == SessionState::placed);
    CHECK(taken->session.user == "ada");
    CHECK(taken->session.staging_config_id == "nb");
    CHECK((taken->session.id == first[0].id || taken->session.id == first[1].id));
    CHECK(staged(h).size() == 1);
    h.tick();
    CHECK(staged(h).size() == 2);

    h.advance(3601);
    h.tick();
    const auto fresh = staged(h);
    REQUIRE(fresh.size() == 2);
    for (const auto& s : fresh) CHECK(s.expires_at > h.rt->now());
    auto ended = h.store->list_sessions({.states = {SessionState::ended}}).value();
    CHECK(ended.size() == 2);  // the untaken first one, and the refill made before the expiry
    CHECK(ended[0].failure_reason.find("expired") != std::string::npos);

    auto c = h.store->get_autoscale_config("c").value();
    c.enabled = false;  // inactive: its agents keep no unused staged sessions
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    CHECK(staged(h).empty());
    CHECK(h.store->get_session(taken->session.id)->state == SessionState::placed);
}

namespace {

Result<runtime::SessionView> ask(Harness& h, const char* user, const char* workspace,
                                 double cores, double memory_gib = 0) {
    Result<runtime::SessionView> out = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] {
        out = h.rt->request_session({"p", user, model::SessionKind::desktop, 0, workspace, cores,
                                     0, memory_gib});
    });
    return out;
}

}  // namespace

TEST_CASE("agent-pool requests hold their size; one that does not fit waits for a new agent") {
    Harness h;
    add_agent_pool(h);
    run_agents(h);  // one 4-core agent, 2 cores of it staged
    REQUIRE(h.servers(MachineState::running).size() == 1);
    auto bob = ask(h, "bob", "", 2, 4);
    REQUIRE(bob.ok());
    CHECK(bob->session.state == SessionState::placed);
    CHECK(bob->session.cores == 2);
    CHECK(h.store->get_session(bob->session.id)->memory_gib == 4);

    auto carol = ask(h, "carol", "", 2);  // the agent's 4 cores are all held now
    REQUIRE(carol.ok());
    CHECK(carol->session.state == SessionState::queued);
    h.tick();  // the queue's 2 cores are demand: a second agent is ordered
    CHECK(h.gateway.vm_count() == 2);
    h.gateway.set_all_running();
    h.tick();
    h.tick();
    auto placed = h.store->get_session(carol->session.id).value();
    CHECK(placed.state == SessionState::placed);
    CHECK(placed.server_id != bob->session.server_id);
    CHECK(placed.cores == 2);
}

TEST_CASE("a workspace request takes its size from the staging config, and only a staged "
          "session that holds what it asks") {
    Harness h;
    add_agent_pool(h);
    run_agents(h);
    auto big = ask(h, "ada", "notebook", 2);  // the staged notebooks hold 1 core each
    REQUIRE(big.ok());
    CHECK(big->session.state == SessionState::placed);
    CHECK(big->session.staging_config_id.empty());
    CHECK(big->session.cores == 2);
    CHECK(staged(h).size() == 2);

    auto sized = ask(h, "bob", "notebook", 0);  // no size: the notebook's 1 core, 2 GiB
    REQUIRE(sized.ok());
    CHECK(sized->session.staging_config_id == "nb");
    CHECK(sized->session.cores == 1);
    CHECK(sized->session.memory_gib == 2);
}

TEST_CASE("agent-pool requests without a size, or too big for any agent, are refused by name") {
    Harness h;
    add_agent_pool(h);
    auto none = ask(h, "ada", "spreadsheet", 0);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().field == "/cores");
    auto huge = ask(h, "ada", "", 5);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().message.find("the largest offers 4") != std::string::npos);
    CHECK(h.store->list_sessions({.states = {SessionState::queued}})->empty());
}
