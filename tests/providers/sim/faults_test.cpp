// Injected failures, the EC2-style token buckets and the capacity limits of tidepool-sim.so,
// as the core sees them: status class, provider code and retry hint through the real ABI.
#include <doctest/doctest.h>

#include <set>
#include <thread>

#include "sim_world.h"

using namespace tidepool;
using namespace tidepool::plugins;
using namespace tidepool::test;

namespace {

// Every kind of call once; returns how many failed.
int calls_failing(VmClient& client, int rounds) {
    int failed = 0;
    for (int i = 0; i < rounds; ++i) {
        auto vm = client.create_vm(spec("f" + std::to_string(i)));
        failed += !vm.ok();
        failed += !client.list_vms({}).ok();
        if (vm.ok()) {
            failed += !client.get_vm(vm->provider_id).ok();
            failed += !client.delete_vm(vm->provider_id).ok();
        }
    }
    return failed;
}

}  // namespace

TEST_CASE("sim: error rates of 0 never fail a call") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "calm", "errors": {"server_error_rate": 0,
        "throttle_rate": 0, "capacity_rate": 0, "timeout_rate": 0}})");
    CHECK(calls_failing(*client, 50) == 0);
}

TEST_CASE("sim: a server error rate of 1 fails every call as unavailable (InternalError)") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "5xx", "errors": {"server_error_rate": 1}})");
    Reported r;
    auto vm = client->create_vm(spec("a"), r.options());
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::unavailable);
    CHECK(r.report.provider_code == "InternalError");
    auto listed = client->list_vms({}, r.options());
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().code == ErrorCode::unavailable);
    CHECK(client->delete_vm("sim-5xx-1").error().code == ErrorCode::unavailable);
    CHECK(w.open(R"({"cloud": "5xx"})")->list_vms({})->empty());  // nothing was created
}

TEST_CASE("sim: a throttle rate of 1 fails with RequestLimitExceeded and a retry hint") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "thr", "errors": {"throttle_rate": 1}})");
    Reported r;
    auto vm = client->create_vm(spec("a"), r.options());
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::unavailable);
    CHECK(r.report.provider_code == "RequestLimitExceeded");
    CHECK(r.report.retry_after_ms == 500);  // one token at the default 2 creates per second
    Reported read;
    CHECK(client->get_vm("sim-thr-1", read.options()).error().code == ErrorCode::unavailable);
    CHECK(read.report.retry_after_ms == 50);  // 20 reads per second
}

TEST_CASE("sim: a capacity rate of 1 fails creates with InsufficientInstanceCapacity only") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "cap", "errors": {"capacity_rate": 1}})");
    Reported r;
    auto vm = client->create_vm(spec("a"), r.options());
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::capacity);
    CHECK(r.report.provider_code == "InsufficientInstanceCapacity");
    CHECK(client->list_vms({}).ok());
    CHECK(client->delete_vm("sim-cap-1").ok());
}

TEST_CASE("sim: a timeout rate of 1 hangs until the deadline; a create still takes effect") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "slow", "errors": {"timeout_rate": 1}})");
    CallOptions o;
    o.deadline_unix_ms = w.now() + 15000;
    auto vm = client->create_vm(spec("a"), o);
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::timeout);
    CHECK(w.now() == kStartMs + 15000);  // the plugin slept on the host clock until then
    // The request got through and only the answer was lost: the VM exists, and a retry with
    // the same key (on a client without injected timeouts) finds it instead of a second one.
    auto calm = w.open(R"({"cloud": "slow"})");
    auto listed = calm->list_vms({});
    REQUIRE(listed->size() == 1);
    CHECK(calm->create_vm(spec("a"))->provider_id == (*listed)[0].provider_id);
    CHECK(calm->list_vms({})->size() == 1);
}

TEST_CASE("sim: timeout_after_ms bounds how long a timed-out call hangs") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "t", "errors": {"timeout_rate": 1,
                                                        "timeout_after_ms": 4000}})");
    auto listed = client->list_vms({});  // no deadline at all
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().code == ErrorCode::timeout);
    CHECK(w.now() == kStartMs + 4000);
    CallOptions o;
    o.deadline_unix_ms = w.now() + 1000;  // a nearer deadline still wins
    CHECK(client->get_vm("sim-t-1", o).error().code == ErrorCode::timeout);
    CHECK(w.now() == kStartMs + 5000);
}

TEST_CASE("sim: about half the calls fail at a rate of 0.5") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "half", "seed": 11, "errors": {"server_error_rate": 0.5},
                             "throttle": {"read_burst": 1000}})");
    int failed = 0;
    for (int i = 0; i < 200; ++i) failed += !client->list_vms({}).ok();
    CHECK(failed > 60);
    CHECK(failed < 140);
}

TEST_CASE("sim: the create bucket allows a burst, then hints when the next token comes") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "bucket", "boot_seconds": {"mean": 0},
        "throttle": {"create_burst": 5, "create_refill_per_s": 2}})");
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto vm = client->create_vm(spec("b" + std::to_string(i)));
        REQUIRE_MESSAGE(vm.ok(), vm.error().message);
        ids.push_back(vm->provider_id);
    }
    Reported r;
    auto sixth = client->create_vm(spec("b5"), r.options());
    REQUIRE_FALSE(sixth.ok());
    CHECK(sixth.error().code == ErrorCode::unavailable);
    CHECK(r.report.provider_code == "RequestLimitExceeded");
    CHECK(r.report.retry_after_ms == 500);
    w.advance(499);
    Reported again;
    CHECK_FALSE(client->create_vm(spec("b5"), again.options()).ok());
    CHECK(again.report.retry_after_ms == 1);
    w.advance(1);  // 1 / refill after the burst ran out
    CHECK(client->create_vm(spec("b5")).ok());
    CHECK_FALSE(client->create_vm(spec("b6")).ok());

    SUBCASE("the bucket is the cloud's: another client of it is throttled too") {
        CHECK_FALSE(w.open(R"({"cloud": "bucket"})")->create_vm(spec("b7")).ok());
        CHECK(w.open(R"({"cloud": "elsewhere"})")->create_vm(spec("b7")).ok());
    }
    SUBCASE("deletes are not metered; reads have their own bucket") {
        for (const auto& id : ids) CHECK(client->delete_vm(id).ok());
        CHECK(client->list_vms({}).ok());
    }
}

TEST_CASE("sim: the read bucket meters get and list") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "reads",
        "throttle": {"read_burst": 3, "read_refill_per_s": 4}})");
    CHECK(client->list_vms({}).ok());
    CHECK(client->list_vms({}).ok());
    CHECK(client->get_vm("sim-reads-1").error().code == ErrorCode::not_found);  // a token spent
    Reported r;
    CHECK(client->list_vms({}, r.options()).error().code == ErrorCode::unavailable);
    CHECK(r.report.retry_after_ms == 250);
    CHECK(client->create_vm(spec("r")).ok());  // creates draw from their own bucket
    w.advance(250);
    CHECK(client->list_vms({}).ok());
}

TEST_CASE("sim: capacity_limit caps the cloud across clients until VMs are GONE") {
    SimWorld w;
    const char* config = R"({"cloud": "region", "capacity_limit": 3,
                             "delete_seconds": {"mean": 5}})";
    auto a = w.open(config);
    auto b = w.open(config);
    auto first = a->create_vm(spec("c1"));
    REQUIRE(first.ok());
    REQUIRE(b->create_vm(spec("c2")).ok());
    REQUIRE(a->create_vm(spec("c3")).ok());
    Reported r;
    auto full = b->create_vm(spec("c4"), r.options());
    REQUIRE_FALSE(full.ok());
    CHECK(full.error().code == ErrorCode::capacity);
    CHECK(r.report.provider_code == "InsufficientInstanceCapacity");
    CHECK(a->create_vm(spec("c1"))->provider_id == first->provider_id);  // retries still answer
    REQUIRE(a->delete_vm(first->provider_id).ok());
    CHECK_FALSE(b->create_vm(spec("c4")).ok());  // a terminating VM still holds its slot
    w.advance(5000);
    CHECK(b->create_vm(spec("c4")).ok());
}

TEST_CASE("sim: max_instances refuses creates past it with InstanceLimitExceeded") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "quota", "max_instances": 2})");
    REQUIRE(client->create_vm(spec("q1")).ok());
    REQUIRE(client->create_vm(spec("q2")).ok());
    Reported r;
    auto third = client->create_vm(spec("q3"), r.options());
    REQUIRE_FALSE(third.ok());
    CHECK(third.error().code == ErrorCode::capacity);
    CHECK(r.report.provider_code == "InstanceLimitExceeded");
    CHECK(w.open(R"({"cloud": "quota", "max_instances": 0})")->create_vm(spec("q0")).error().code ==
          ErrorCode::capacity);
}

TEST_CASE("sim: concurrent creates on several clients of one cloud never share an id") {
    SimWorld w;
    constexpr int kThreads = 4, kEach = 50;
    std::vector<std::unique_ptr<VmClient>> clients;
    for (int t = 0; t < kThreads; ++t)
        clients.push_back(w.open(R"({"cloud": "busy", "max_instances": 1000})"));
    std::vector<std::vector<std::string>> ids(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                auto vm = clients[t]->create_vm(spec(std::to_string(t) + "-" + std::to_string(i)));
                if (vm.ok()) ids[t].push_back(vm->provider_id);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    std::set<std::string> unique;
    for (const auto& list : ids) unique.insert(list.begin(), list.end());
    CHECK(unique.size() == kThreads * kEach);
    CHECK(clients[0]->list_vms({})->size() == kThreads * kEach);
}

TEST_CASE("sim: api_latency_seconds: half on the way out, half on the way back") {
    SimWorld w;
    auto client = w.open(R"({"cloud": "far", "api_latency_seconds": {"distribution": "fixed",
                                                                       "mean": 2}})");
    auto vm = client->create_vm(spec("a"));
    REQUIRE(vm.ok());
    CHECK(w.now() == kStartMs + 2000);                     // the whole round trip
    CHECK(vm->created_unix_ms == kStartMs + 1000);         // the cloud acted half way
    REQUIRE(client->get_vm(vm->provider_id).ok());         // reads wait it all before answering
    CHECK(w.now() == kStartMs + 4000);

    // Cut off on the way back: the caller hears "timeout", yet the cloud made the VM, and a
    // retry with the same key finds it rather than making a second.
    CallOptions o;
    o.deadline_unix_ms = w.now() + 1500;
    auto cut = client->create_vm(spec("b"), o);
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().code == ErrorCode::timeout);
    CHECK(client->list_vms({})->size() == 2);
    CHECK(client->create_vm(spec("b")).ok());
    CHECK(client->list_vms({})->size() == 2);

    // Cut off on the way out: the cloud never heard of it.
    o.deadline_unix_ms = w.now() + 500;
    CHECK(client->create_vm(spec("c"), o).error().code == ErrorCode::timeout);
    CHECK(client->list_vms({})->size() == 2);
}
