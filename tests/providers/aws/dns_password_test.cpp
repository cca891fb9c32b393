// Route 53 records through tidepool.dns_provider/1, and Windows passwords through
// get_credentials, against the fake.
#include <doctest/doctest.h>

#include "aws_world.h"

namespace tidepool::test {
namespace {

plugins::DnsRecord a_record(const std::string& name, const std::string& ip) {
    plugins::DnsRecord r;
    r.name = name;
    r.type = "A";
    r.value = ip;
    r.ttl_s = 60;
    return r;
}

TEST_CASE("upsert waits for INSYNC, list filters by suffix, delete is idempotent") {
    AwsWorld world;
    world.fake().configure(R"({"pending_polls": 2})");
    auto dns = world.open_dns(world.dns_config());
    REQUIRE(dns->upsert_record(a_record("m-1.agents.example.com", "10.0.0.5")).ok());
    CHECK(world.fake().requests("GetChange").size() == 3);  // PENDING, PENDING, INSYNC
    REQUIRE(dns->upsert_record(a_record("m-1.agents.example.com", "10.0.0.6")).ok());  // replace
    REQUIRE(dns->upsert_record(a_record("m-2.agents.example.com", "10.0.0.7")).ok());

    auto listed = dns->list_records("agents.example.com");
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);  // SOA and NS are not A records
    CHECK((*listed)[0].name == "m-1.agents.example.com");
    CHECK((*listed)[0].value == "10.0.0.6");

    REQUIRE(dns->delete_record(a_record("m-1.agents.example.com", "10.0.0.6")).ok());
    REQUIRE(dns->delete_record(a_record("m-1.agents.example.com", "10.0.0.6")).ok());
    auto after = dns->list_records("agents.example.com");
    REQUIRE(after.ok());
    CHECK(after->size() == 1);
}

TEST_CASE("a missing hosted zone is an invalid config naming /hosted_zone_id") {
    AwsWorld world;
    std::string config = world.dns_config();
    config.replace(config.find(kZone), std::string(kZone).size(), "ZMISSING");
    auto dns = world.open_dns(config);
    auto result = dns->upsert_record(a_record("x.agents.example.com", "10.0.0.1"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::not_found);
}

TEST_CASE("Windows password: GetPasswordData decrypted with the key pair's private key") {
    AwsWorld world;
    std::string pem = world.fake().private_key_pem();
    std::string escaped;
    for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    auto client = world.open_vm(world.ec2_config(
        R"("key_pair_name": "win", "retrieve_windows_password": true, "windows_key_pem": ")" +
        escaped + "\""));
    plugins::VmSpec spec = aws_spec("win-1");
    spec.os_family = "windows";
    auto vm = client->create_vm(spec);
    REQUIRE(vm.ok());
    REQUIRE(client->get_vm(vm->provider_id).ok());  // now running: EC2 has the password
    auto creds = client->get_credentials(vm->provider_id);
    REQUIRE_MESSAGE(creds.ok(), creds.error().message);
    REQUIRE(creds->size() == 1);
    CHECK((*creds)[0].kind == "password");
    CHECK((*creds)[0].username == "Administrator");
    CHECK((*creds)[0].secret == kWindowsPassword);
}

TEST_CASE("no password yet is unavailable with a retry hint, not a failure") {
    AwsWorld world;
    world.fake().configure(R"({"boot_seconds": 3600})");
    std::string pem = world.fake().private_key_pem();
    std::string escaped;
    for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    auto client = world.open_vm(world.ec2_config(
        R"("key_pair_name": "win", "retrieve_windows_password": true, "windows_key_pem": ")" +
        escaped + "\""));
    auto vm = client->create_vm(aws_spec("win-1"));
    REQUIRE(vm.ok());
    plugins::CallReport report;
    plugins::CallOptions options;
    options.report = &report;
    auto creds = client->get_credentials(vm->provider_id, options);
    REQUIRE_FALSE(creds.ok());
    CHECK(creds.error().code == ErrorCode::unavailable);
    CHECK(report.retry_after_ms > 0);
}

}  // namespace
}  // namespace tidepool::test
