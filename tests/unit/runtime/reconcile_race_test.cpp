// Reconciliation racing the runtime's own provider calls: a listing is an old photograph by the
// time it is answered, and nothing it leaves out may be taken for vanished if it was made after
// the photograph was taken. Also: the counts are readable from any thread.
#include <doctest/doctest.h>

#include <thread>

#include "harness.h"

using namespace tidepool;
using test::Harness;
using model::MachineState;

TEST_CASE("a create settled while the listing is on the wire is not taken for vanished") {
    Harness h;
    h.add_server_pool(0);
    model::Server late;
    late.id = "srv-late";
    late.pool_id = "p";
    late.config_id = "c";
    late.name = "tp-x-late";
    late.state = MachineState::starting;
    REQUIRE(h.store->put_server(late).ok());
    // The listing has been taken; then the create's answer lands and is settled.
    h.gateway.while_listing = [&] {
        model::Server settled = late;
        settled.provider_id = "i-late";
        REQUIRE(h.store->put_server(settled).ok());
        h.gateway.while_listing = nullptr;
    };
    h.reconcile();
    auto s = h.store->get_server("srv-late").value();
    CHECK(s.state == MachineState::starting);
    CHECK(s.provider_id == "i-late");
    CHECK(h.rt->reconcile_counts().vanished == 0);
}

TEST_CASE("reconcile counts can be read from another thread while reconciliation runs") {
    Harness h;
    h.add_server_pool(4);  // two servers of two sessions each
    h.tick();
    std::atomic<bool> done{false};
    std::int64_t seen = 0;
    std::thread reader([&] {
        while (!done) seen = std::max(seen, h.rt->reconcile_counts().vanished);
    });
    h.gateway.vms.clear();
    h.reconcile();
    done = true;
    reader.join();
    CHECK(h.rt->reconcile_counts().vanished == 2);
    CHECK(seen <= 2);
    CHECK(h.rt->reconcile_counts().last_run == h.rt->now());
}
