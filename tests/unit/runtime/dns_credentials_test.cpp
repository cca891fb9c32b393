// Agent DNS registration (journalled, settled on reconcile) and provider-generated Windows
// passwords (sealed before they are stored), on the FakeGateway.
#include <doctest/doctest.h>

#include "harness.h"

namespace tidepool::test {
namespace {

// Makes the harness's config register DNS through provider config "dns".
void enable_dns(Harness& h) {
    model::ProviderConfig dns{"dns", "dns", model::ProviderKind::dns, "org.test.fake", "{}", 0};
    REQUIRE(h.store->put_provider_config(dns).ok());
    auto c = h.store->get_autoscale_config("c").value();
    c.dns_provider_id = "dns";
    c.register_dns = true;
    c.base_domain = "agents.example.com";
    REQUIRE(h.store->put_autoscale_config(c).ok());
}

// One server of config "c", running with an address.
model::Server one_running_server(Harness& h) {
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    auto running = h.servers(model::MachineState::running);
    REQUIRE(running.size() == 1);
    return running[0];
}

int journal_count(Harness& h, model::JournalOp op, model::JournalState state) {
    auto entries = h.store->list_journal({state});
    REQUIRE(entries.ok());
    int n = 0;
    for (const auto& e : entries.value()) n += e.op == op;
    return n;
}

TEST_CASE("a running machine of a register_dns config gets <id>.<base domain>; removal deletes it") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    model::Server s = one_running_server(h);
    std::string name = s.id + ".agents.example.com";
    REQUIRE(h.gateway.records.count(name) == 1);
    CHECK(h.gateway.records[name] == s.address);
    CHECK(journal_count(h, model::JournalOp::dns_upsert, model::JournalState::settled) == 1);

    h.on_strand([&] { REQUIRE(h.rt->set_draining(s.id, true).ok()); });
    h.tick();  // drained and empty: removed, record first
    CHECK(h.gateway.records.empty());
    CHECK(journal_count(h, model::JournalOp::dns_delete, model::JournalState::settled) == 1);
}

TEST_CASE("a DNS change that fails transiently stays an intent until reconcile settles it") {
    Harness h;
    h.add_server_pool(1);
    enable_dns(h);
    h.gateway.fail_dns_with = make_error(ErrorCode::unavailable, "Route 53 throttled");
    model::Server s = one_running_server(h);
    CHECK(h.gateway.records.empty());
    CHECK(journal_count(h, model::JournalOp::dns_upsert, model::JournalState::intent) == 1);

    h.gateway.fail_dns_with.reset();
    h.reconcile();
    CHECK(h.gateway.records.count(s.id + ".agents.example.com") == 1);
    CHECK(journal_count(h, model::JournalOp::dns_upsert, model::JournalState::intent) == 0);
}

TEST_CASE("configs without register_dns never touch DNS") {
    Harness h;
    h.add_server_pool(1);
    one_running_server(h);
    CHECK(h.gateway.records.empty());
    CHECK(journal_count(h, model::JournalOp::dns_upsert, model::JournalState::intent) == 0);
}

// A real Sealer on a fixed test key: what reaches the store must unseal to the password.
const secrets::Sealer& test_sealer() {
    static const secrets::Sealer sealer(secrets::SealKey{7, 7, 7});
    return sealer;
}

void make_windows(Harness& h, const std::string& password = "") {
    auto c = h.store->get_autoscale_config("c").value();
    c.os_family = "windows";
    c.connection.password = password;
    REQUIRE(h.store->put_autoscale_config(c).ok());
}

TEST_CASE("a Windows machine with no configured password gets the provider's, sealed") {
    Harness h([](runtime::RuntimeOptions& o) { o.sealer = &test_sealer(); });
    h.add_server_pool(1);
    make_windows(h);
    h.gateway.fail_credentials_with = make_error(ErrorCode::unavailable, "not generated yet");
    model::Server s = one_running_server(h);
    CHECK_FALSE(h.store->get_machine_credential(s.id).value().has_value());

    h.gateway.fail_credentials_with.reset();
    h.advance(31);  // past the retry delay
    h.tick();
    auto stored = h.store->get_machine_credential(s.id).value();
    REQUIRE(stored.has_value());
    CHECK(stored->kind == "password");
    CHECK(stored->username == "Administrator");
    CHECK(stored->sealed_secret.find("pw-") == std::string::npos);
    auto clear = test_sealer().unseal(stored->sealed_secret, "machine-credential:" + s.id);
    REQUIRE(clear.ok());
    CHECK(clear.value() == "pw-" + s.provider_id);
}

TEST_CASE("a configured password, a linux config or no sealer means no provider password call") {
    SUBCASE("configured password") {
        Harness h([](runtime::RuntimeOptions& o) { o.sealer = &test_sealer(); });
        h.add_server_pool(1);
        make_windows(h, "set-by-the-operator");
        one_running_server(h);
        CHECK(h.gateway.credential_calls == 0);
    }
    SUBCASE("linux") {
        Harness h([](runtime::RuntimeOptions& o) { o.sealer = &test_sealer(); });
        h.add_server_pool(1);
        one_running_server(h);
        CHECK(h.gateway.credential_calls == 0);
    }
    SUBCASE("no sealer") {
        Harness h;
        h.add_server_pool(1);
        make_windows(h);
        one_running_server(h);
        CHECK(h.gateway.credential_calls == 0);
    }
}

}  // namespace
}  // namespace tidepool::test
