// Reconciliation after a crash: every way a provisioning step can be cut off ends with one VM
// per machine row and nothing untracked.
#include <doctest/doctest.h>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;

namespace {

// What order_servers writes before calling the provider, as if the daemon died right after.
model::JournalEntry journal_only(Harness& h, const std::string& machine) {
    model::Server s;
    s.id = machine;
    s.pool_id = "p";
    s.config_id = "c";
    s.name = "tp-x-" + machine;
    s.state = MachineState::starting;
    REQUIRE(h.store->put_server(s).ok());
    model::JournalEntry e;
    e.op = model::JournalOp::create_vm;
    e.config_id = "c";
    e.provider_config_id = "pc";
    e.machine_id = machine;
    e.unique_name = s.name;
    e.idempotency_key = "idem-" + machine;
    e.seq = h.store->journal_intent(e).value();
    return e;
}

runtime::Tags ours(Harness& h, const std::string& machine) {
    return {{runtime::kTagInstallation, h.rt->installation_id()},
            {runtime::kTagConfig, "c"},
            {runtime::kTagMachine, machine}};
}

}  // namespace

TEST_CASE("a VM created before the crash is adopted, not created again") {
    Harness h;
    h.add_server_pool(0);
    auto e = journal_only(h, "srv-a");
    runtime::VmRecord vm{"i-existing", e.unique_name, runtime::VmState::running, "10.9.9.9",
                         "", "", ours(h, "srv-a")};
    h.gateway.vms[vm.provider_id] = {vm, e.idempotency_key, ""};
    h.reconcile();
    CHECK(h.gateway.creates == 0);
    auto s = h.store->get_server("srv-a").value();
    CHECK(s.provider_id == "i-existing");
    CHECK(s.address == "10.9.9.9");
    CHECK(h.store->list_journal({model::JournalState::intent})->empty());
    CHECK(h.rt->reconcile_counts().adopted == 1);
}

TEST_CASE("an intent whose VM never appeared is finished with the same idempotency key") {
    Harness h;
    h.add_server_pool(0);
    auto e = journal_only(h, "srv-b");
    h.reconcile();
    REQUIRE(h.gateway.vm_count() == 1);
    CHECK(h.gateway.snapshot()[0].idempotency_key == e.idempotency_key);
    CHECK(h.store->get_server("srv-b")->provider_id == h.gateway.snapshot()[0].record.provider_id);
    SUBCASE("and reconciling again does not double it") {
        h.reconcile();
        CHECK(h.gateway.vm_count() == 1);
    }
}

TEST_CASE("a tagged VM nobody owns is deleted only after the grace period") {
    Harness h;
    h.add_server_pool(0);
    runtime::VmRecord vm{"i-orphan", "tp-x-ghost", runtime::VmState::running, "", "", "",
                         ours(h, "srv-ghost")};
    h.gateway.vms[vm.provider_id] = {vm, "k", ""};
    runtime::VmRecord foreign{"i-foreign", "theirs", runtime::VmState::running, "", "", "",
                              {{runtime::kTagInstallation, "someone-else"}}};
    h.gateway.vms[foreign.provider_id] = {foreign, "k2", ""};
    h.reconcile();
    CHECK(h.gateway.vm_count() == 2);
    h.advance(61);
    h.reconcile();
    CHECK(h.gateway.vms.count("i-orphan") == 0);
    CHECK(h.gateway.vms.count("i-foreign") == 1);  // not ours: never touched
    CHECK(h.rt->reconcile_counts().orphans_deleted == 1);
}

TEST_CASE("a known VM that vanished marks its machine gone and the pool refills") {
    Harness h;
    h.add_server_pool(1);
    h.tick();
    REQUIRE(h.gateway.vm_count() == 1);
    h.gateway.vms.clear();  // deleted behind our back
    h.reconcile();
    CHECK(h.servers(MachineState::gone).size() == 1);
    CHECK(h.rt->reconcile_counts().vanished == 1);
    h.tick();
    CHECK(h.gateway.vm_count() == 1);
}
