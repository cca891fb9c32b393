// A create that succeeded but whose machine never became usable is deleted, never left
// half-done; a create cut off by shutdown is finished by reconciliation, not abandoned.
#include <doctest/doctest.h>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;

namespace {

void set_state(Harness& h, const std::string& provider_id, runtime::VmState state) {
    std::lock_guard lock(h.gateway.mu_);
    h.gateway.vms.at(provider_id).record.state = state;
}

}  // namespace

TEST_CASE("a VM whose startup failed at the provider is deleted and replaced") {
    for (auto reported : {runtime::VmState::failed, runtime::VmState::gone}) {
        CAPTURE(static_cast<int>(reported));
        Harness h;
        h.add_server_pool(/*min_available=*/1);  // no check-in: the provider's state decides
        h.tick();
        REQUIRE(h.gateway.vm_count() == 1);
        auto first = h.gateway.snapshot()[0].record.provider_id;
        set_state(h, first, reported);
        h.tick();  // sees the failure, deletes the VM
        h.tick();  // orders the replacement
        CHECK(h.gateway.vms.count(first) == 0);
        CHECK(h.gateway.deletes == 1);
        CHECK(h.gateway.creates == 2);
        auto gone = h.store->list_servers({std::nullopt, std::nullopt, {MachineState::gone}});
        CHECK(gone->size() == 1);
        CHECK(h.store->list_journal({model::JournalState::intent})->empty());
    }
}

TEST_CASE("a check-in timeout deletes the VM even when the provider says it runs") {
    Harness h;
    auto c = h.add_server_pool(1);
    c.require_checkin = true;
    c.checkin_timeout_s = 30;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.tick();
    h.gateway.set_all_running();  // booted, but its startup script never reported in
    h.advance(31);
    h.tick();
    CHECK(h.gateway.deletes == 1);
    auto gone = h.store->list_servers({std::nullopt, std::nullopt, {MachineState::gone}});
    CHECK(gone->size() == 1);
}

TEST_CASE("a create cut off by shutdown stays an intent and reconciliation finishes it") {
    Harness h;
    h.add_server_pool(1);
    h.gateway.fail_creates_with = make_error(ErrorCode::cancelled, "cancelled (shutting down)");
    h.tick();
    auto intents = h.store->list_journal({model::JournalState::intent}).value();
    REQUIRE(intents.size() == 1);
    CHECK(h.servers(MachineState::starting).size() == 1);
    CHECK(h.servers(MachineState::failed).empty());

    h.gateway.fail_creates_with.reset();
    h.reconcile();
    REQUIRE(h.gateway.vm_count() == 1);
    CHECK(h.gateway.snapshot()[0].idempotency_key == intents[0].idempotency_key);
    CHECK(h.store->list_journal({model::JournalState::intent})->empty());
}

TEST_CASE("a machine given up while its create was unsettled is not created again") {
    Harness h;
    auto c = h.add_server_pool(0);
    c.require_checkin = true;
    c.checkin_timeout_s = 30;
    REQUIRE(h.store->put_autoscale_config(c).ok());
    h.gateway.fail_creates_with = make_error(ErrorCode::cancelled, "cut off");
    auto bump = c;
    bump.min_available_sessions = 1;
    REQUIRE(h.store->put_autoscale_config(bump).ok());
    h.tick();  // ordered; the create was cut off (as by a crash) and stays an intent
    REQUIRE(c.id == "c");
    REQUIRE(h.store->put_autoscale_config(c).ok());  // and the pool no longer wants it
    h.gateway.fail_creates_with.reset();
    auto intent = h.store->list_journal({model::JournalState::intent}).value().at(0);

    SUBCASE("its VM never appeared: the intent is rolled back") {
        h.advance(31);
        h.tick();  // the check-in deadline passes: the machine is given up
        h.reconcile();
        CHECK(h.gateway.creates == 1);  // only the cut-off attempt
        CHECK(h.gateway.vm_count() == 0);
        CHECK(h.rt->reconcile_counts().intents_rolled_back == 1);
    }
    SUBCASE("its VM did appear: it is adopted and deleted at once") {
        runtime::VmRecord vm{"i-late", intent.unique_name, runtime::VmState::running, "", "", "",
                             {{runtime::kTagInstallation, h.rt->installation_id()},
                              {runtime::kTagConfig, "c"},
                              {runtime::kTagMachine, intent.machine_id}}};
        h.gateway.vms[vm.provider_id] = {vm, intent.idempotency_key, ""};
        h.advance(31);
        h.tick();
        h.reconcile();
        h.tick();
        CHECK(h.gateway.vms.count("i-late") == 0);
        CHECK(h.gateway.creates == 1);
    }
    CHECK(h.store->list_journal({model::JournalState::intent})->empty());
}

TEST_CASE("the provider's retry-after stretches the runtime's backoff after a failed create") {
    Harness h;
    h.add_server_pool(1);
    Error slow = make_error(ErrorCode::unavailable, "RequestLimitExceeded");
    slow.retry_after_ms = 600'000;  // ten minutes, past the first backoff step of 5 s
    h.gateway.fail_creates_with = slow;
    h.tick();
    h.gateway.fail_creates_with.reset();
    h.advance(300);
    h.tick();
    h.tick();
    CHECK(h.gateway.creates == 1);  // still honouring the hint
    h.advance(301);
    h.tick();
    CHECK(h.gateway.creates == 2);
}
