// The runtime end to end over a fake provider: ordering, journalling, check-in, removal.
#include <doctest/doctest.h>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;

TEST_CASE("below the minimum it orders servers, journalled and tagged") {
    Harness h;
    h.add_server_pool(/*min_available=*/3);
    h.tick();
    // A new server adds min(2 sessions, 2 users) = 2; a shortfall of 3 needs 2 servers.
    REQUIRE(h.gateway.vm_count() == 2);
    auto journal = h.store->list_journal().value();
    REQUIRE(journal.size() == 2);
    for (const auto& e : journal) {
        CHECK(e.state == model::JournalState::settled);
        CHECK_FALSE(e.idempotency_key.empty());
    }
    for (const auto& vm : h.gateway.snapshot()) {
        CHECK(vm.record.tags.at(runtime::kTagInstallation) == h.rt->installation_id());
        CHECK(vm.record.tags.at(runtime::kTagConfig) == "c");
    }
    CHECK(h.servers(MachineState::starting).size() == 2);

    SUBCASE("booting servers count: the next tick orders nothing more") {
        h.tick();
        CHECK(h.gateway.creates == 2);
    }
    SUBCASE("they run once the provider says so") {
        h.gateway.set_all_running();
        h.tick();
        h.tick();
        CHECK(h.servers(MachineState::running).size() == 2);
    }
}

TEST_CASE("never past the provider's max instances") {
    Harness h;
    h.add_server_pool(/*min_available=*/20, /*max_instances=*/3);
    h.tick();
    h.tick();
    CHECK(h.gateway.vm_count() == 3);
}

TEST_CASE("require_checkin: the token in the startup script checks the server in, once") {
    Harness h;
    auto c = h.add_server_pool(1);
    c.require_checkin = true;
    c.checkin_timeout_s = 120;
    c.startup_script = "token={checkin_token}";
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    REQUIRE(h.gateway.vm_count() == 1);
    std::string token = h.gateway.snapshot()[0].startup_script.substr(6);
    h.gateway.set_all_running();
    h.tick();  // running at the provider is not enough: it must check in
    CHECK(h.servers(MachineState::starting).size() == 1);

    Result<model::Server> first = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { first = h.rt->check_in(token, "running", "10.1.2.3"); });
    REQUIRE(first.ok());
    CHECK(first->state == MachineState::running);
    CHECK(first->address == "10.1.2.3");
    Result<model::Server> again = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { again = h.rt->check_in(token, "running", ""); });
    CHECK(again.error().code == ErrorCode::unauthenticated);
}

TEST_CASE("a server that never checks in is failed, destroyed and replaced") {
    Harness h;
    auto c = h.add_server_pool(1);
    c.require_checkin = true;
    c.checkin_timeout_s = 60;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    REQUIRE(h.gateway.vm_count() == 1);
    auto first = h.gateway.snapshot()[0].record.provider_id;
    h.advance(61);
    h.tick();
    h.tick();
    CHECK(h.gateway.deletes == 1);
    CHECK(h.gateway.creates == 2);
    CHECK(h.gateway.vms.count(first) == 0);
    CHECK(h.gateway.vm_count() == 1);
}

TEST_CASE("a capacity error blocks the config so the next one takes over") {
    Harness h;
    h.add_server_pool(2);
    model::AutoScaleConfig burst = h.store->get_autoscale_config("c").value();
    burst.id = "burst";
    burst.priority = 200;
    REQUIRE(h.store->put_autoscale_config(burst).ok());
    h.gateway.fail_creates_with = make_error(ErrorCode::capacity, "InsufficientInstanceCapacity");
    h.tick();  // "c" (priority 100) tries first and fails with capacity
    CHECK(h.servers(MachineState::failed).size() == 1);
    h.gateway.fail_creates_with.reset();
    h.tick();
    h.tick();
    auto vms = h.gateway.snapshot();
    REQUIRE(vms.size() == 1);
    CHECK(vms[0].record.tags.at(runtime::kTagConfig) == "burst");
}

TEST_CASE("idle servers above the minimum go only after the downscale backoff") {
    Harness h;
    auto c = h.add_server_pool(4);
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    h.tick();
    REQUIRE(h.servers(MachineState::running).size() == 2);
    c.min_available_sessions = 1;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    CHECK(h.gateway.deletes == 0);  // the scale-up was moments ago
    h.advance(31);
    h.tick();
    CHECK(h.gateway.deletes == 1);
    CHECK(h.servers(MachineState::running).size() == 1);
}

TEST_CASE("agent pools order by the worst dimension and count ordered agents at once") {
    Harness h;
    auto c = h.add_server_pool(0);
    model::Pool p = h.store->get_pool("p").value();
    p.kind = model::PoolKind::agent;
    REQUIRE(h.store->put_pool(p).ok());
    c.standby_cores = 6;
    c.standby_memory_gib = 4;
    c.agent_cores = 2;
    c.agent_memory_gib = 8;
    c.agent_cores_override = 3;  // oversubscribed: a new agent counts as 3 cores
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    CHECK(h.gateway.vm_count() == 2);  // ceil(6 cores / 3) = 2 beats ceil(4 GiB / 8) = 1
    auto agents = h.servers(MachineState::starting);
    REQUIRE(agents.size() == 2);
    CHECK(agents[0].cores == 3);
    CHECK(agents[0].memory_gib == 8);
    h.tick();
    CHECK(h.gateway.vm_count() == 2);  // booting agents count: nothing more is ordered
}

TEST_CASE("a create retried after a lost answer keeps the token its machine already has") {
    Harness h;
    auto c = h.add_server_pool(1);
    c.require_checkin = true;
    c.checkin_timeout_s = 120;
    c.startup_script = "token={checkin_token}";
    REQUIRE(h.store->put_autoscale_config(c).ok());
    // The cloud creates the VM, but the answer is lost (as when tidepoold is killed mid-call):
    // the VM boots with the first attempt's token while the intent stays unsettled.
    h.gateway.lose_create_answers_with = make_error(ErrorCode::cancelled, "cut off");
    h.tick();
    REQUIRE(h.gateway.vm_count() == 1);
    std::string token = h.gateway.snapshot()[0].startup_script.substr(6);
    REQUIRE(h.store->list_journal({model::JournalState::intent})->size() == 1);
    h.gateway.lose_create_answers_with.reset();
    h.gateway.listing_lags = true;  // as EC2's DescribeInstances can: the VM is not listed yet
    h.reconcile();  // so the create is retried under its idempotency key: the cloud returns it
    CHECK(h.gateway.vm_count() == 1);
    CHECK(h.store->list_journal({model::JournalState::intent})->empty());
    Result<model::Server> in = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { in = h.rt->check_in(token, "running", "10.1.2.3"); });
    REQUIRE_MESSAGE(in.ok(), "the booted machine's token must still check it in");
    CHECK(in->state == MachineState::running);
}
