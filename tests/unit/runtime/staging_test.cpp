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
