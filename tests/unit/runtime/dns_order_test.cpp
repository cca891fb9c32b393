// DNS changes of one record go out in journal order, a vanished machine's record is removed,
// and a change cut off by shutdown stays an intent for the next start to finish.
#include <doctest/doctest.h>

#include "harness.h"

namespace tidepool::test {
namespace {

void enable_dns(Harness& h) {
    model::ProviderConfig dns{"dns", "dns", model::ProviderKind::dns, "org.test.fake", "{}", 0};
    REQUIRE(h.store->put_provider_config(dns).ok());
    auto c = h.store->get_autoscale_config("c").value();
    c.dns_provider_id = "dns";
    c.register_dns = true;
    c.base_domain = "agents.example.com";
    REQUIRE(h.store->put_autoscale_config(c).ok());
}

model::Server one_running_server(Harness& h) {
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    auto running = h.servers(model::MachineState::running);
    REQUIRE(running.size() == 1);
    return running[0];
}

std::vector<model::JournalEntry> dns_intents(Harness& h) {
    std::vector<model::JournalEntry> out;
    auto intents = h.store->list_journal({model::JournalState::intent});
    REQUIRE(intents.ok());
    for (const auto& e : intents.value())
        if (e.op == model::JournalOp::dns_upsert || e.op == model::JournalOp::dns_delete)
            out.push_back(e);
    return out;
}

}  // namespace

TEST_CASE("a removal never overtakes the registration of the same record") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    h.gateway.fail_dns_with = make_error(ErrorCode::unavailable, "Route 53 throttled");
    model::Server s = one_running_server(h);
    h.on_strand([&] { REQUIRE(h.rt->set_draining(s.id, true).ok()); });
    h.tick();  // removed: the record's delete is journalled behind its pending upsert
    REQUIRE(dns_intents(h).size() == 2);

    // Both are retried; the upsert is slow on the wire, the delete would be quick.
    h.gateway.fail_dns_with.reset();
    h.gateway.upsert_dns_latency = std::chrono::milliseconds(50);
    h.reconcile();
    CHECK(h.gateway.records.empty());
    CHECK(dns_intents(h).empty());
}

TEST_CASE("a machine that vanished from its provider loses its DNS record") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    model::Server s = one_running_server(h);
    REQUIRE(h.gateway.records.count(s.id + ".agents.example.com") == 1);
    h.gateway.vms.clear();  // deleted behind our back
    h.reconcile();
    CHECK(h.store->get_server(s.id)->state == model::MachineState::gone);
    CHECK(h.gateway.records.count(s.id + ".agents.example.com") == 0);
}

TEST_CASE("a DNS change cut off by shutdown stays an intent, not a failure") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    h.gateway.fail_dns_with = make_error(ErrorCode::cancelled, "shutting down");
    model::Server s = one_running_server(h);
    REQUIRE(dns_intents(h).size() == 1);
    h.gateway.fail_dns_with.reset();
    h.reconcile();
    CHECK(h.gateway.records.count(s.id + ".agents.example.com") == 1);
    CHECK(dns_intents(h).empty());
}

TEST_CASE("a machine that never had an address gets no DNS removal") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    h.gateway.fail_creates_with = make_error(ErrorCode::invalid, "bad AMI");
    h.tick();  // the create fails before any address is known
    h.tick();  // the failed server is retired
    CHECK(h.store->list_journal({})->size() == 1);  // the create only
}

}  // namespace tidepool::test
