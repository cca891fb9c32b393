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
    h.add_server_pool(1);  // the plan still wants the machine
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

// After a crash during a scale-in, finishing creates the plan no longer wants would start
// machines only to delete them (starting machines are never chosen for removal).
TEST_CASE("an interrupted create is finished only while the plan still wants its machine") {
    struct Case {
        const char* name;
        int min_available;
        bool session_on_it;  // a session already placed there keeps it wanted
        bool finished;
    };
    for (Case c : {Case{"wanted", 1, false, true}, Case{"scaled in to 0", 0, false, false},
                   Case{"scaled in, but in use", 0, true, true}}) {
        CAPTURE(c.name);
        Harness h;
        h.add_server_pool(c.min_available);
        journal_only(h, "srv-r");
        if (c.session_on_it) {
            model::Session session;
            session.id = "sess-1";
            session.pool_id = "p";
            session.server_id = "srv-r";
            session.user = "u";
            session.state = model::SessionState::placed;
            REQUIRE(h.store->put_session(session).ok());
        }
        h.reconcile();
        CHECK(h.gateway.creates == (c.finished ? 1 : 0));
        auto counts = h.rt->reconcile_counts();
        CHECK(counts.intents_finished == (c.finished ? 1 : 0));
        CHECK(counts.intents_rolled_back == (c.finished ? 0 : 1));
        CHECK(h.store->list_journal({model::JournalState::intent})->empty());  // all settled
        CHECK(h.store->list_journal({model::JournalState::failed})->size() ==
              (c.finished ? 0u : 1u));
        CHECK((h.store->get_server("srv-r")->state == MachineState::gone) == !c.finished);
    }
}

TEST_CASE("a VM a rolled-back create did make is deleted as an orphan once it is listed") {
    Harness h;
    h.add_server_pool(0);
    auto e = journal_only(h, "srv-late");
    runtime::VmRecord vm{"i-late", e.unique_name, runtime::VmState::running, "", "", "",
                         ours(h, "srv-late")};
    h.gateway.vms[vm.provider_id] = {vm, e.idempotency_key, ""};
    h.gateway.listing_lags = true;  // the first attempt's VM is not listed yet
    h.reconcile();
    CHECK(h.rt->reconcile_counts().intents_rolled_back == 1);
    h.gateway.listing_lags = false;
    h.reconcile();
    h.advance(61);
    h.reconcile();
    CHECK(h.gateway.vms.count("i-late") == 0);
    CHECK(h.rt->reconcile_counts().orphans_deleted == 1);
    CHECK(h.gateway.creates == 0);
}
