// The embedding API end to end over the sim plugin: queue with ETA, placement with the
// connection descriptor, end, cancel, drain, and bad input named by field.
#include <doctest/doctest.h>

#include "host.h"

using namespace tidepool;
using test::Host;
using test::kind_is;

namespace {

std::string cloud_name() {
    static int n = 0;
    return "engine-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

void apply(Host& host, int max_instances = 2) {
    auto applied = host.engine->apply_config(test::bundle(max_instances, cloud_name()));
    REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().message));
    CHECK(applied->pools == 1);
    CHECK(applied->autoscale_configs == 1);
}

SessionOutcome request(Host& host, const std::string& user) {
    auto r = host.engine->request_session({"desktops", user, SessionKind::desktop, 0});
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return r.value();
}

// Requests a session and waits until it is placed; returns the placement event.
EngineEvent placed_session(Host& host, const std::string& user) {
    auto s = request(host, user);
    return host.wait_for(kind_is(EngineEventKind::session_placed, s.id), "session_placed");
}

}  // namespace

TEST_CASE("a request beyond capacity is queued with an ETA, then placed with its connection") {
    Host host;
    host.start();
    apply(host);
    auto s = request(host, "alice");
    CHECK(s.state == SessionState::queued);  // the pool has no machine yet
    CHECK(s.queue_position == 1);
    CHECK(s.eta_s >= 0);
    CHECK_FALSE(s.connection);

    auto queued = host.wait_for(kind_is(EngineEventKind::session_queued, s.id), "session_queued");
    CHECK(queued.pool == "desktops");
    CHECK(queued.position == 1);
    CHECK(queued.eta_s >= 0);
    host.wait_for(kind_is(EngineEventKind::machine_ordered), "machine_ordered");
    auto ready = host.wait_for(kind_is(EngineEventKind::machine_ready), "machine_ready");

    auto placed = host.wait_for(kind_is(EngineEventKind::session_placed, s.id), "session_placed");
    CHECK(placed.machine == ready.machine);
    REQUIRE(placed.connection);
    const Connection& c = *placed.connection;
    CHECK(c.type == ConnectionType::rdp);
    CHECK(c.port == 3389);
    CHECK(c.address.rfind("10.", 0) == 0);  // the sim's private address
    CHECK(c.address_source == "private_ip");
    CHECK(c.info_json.find("gw.example.com") != std::string::npos);
    REQUIRE(c.credentials);  // the host is trusted: credentials included
    CHECK(c.credentials->username == "ops");
    CHECK(c.credentials->password == "s3cret");

    auto now = host.engine->session(s.id);
    REQUIRE(now.ok());
    CHECK(now->state == SessionState::placed);
    CHECK(now->machine == placed.machine);
    CHECK(now->queue_position == 0);
    REQUIRE(now->connection);
    CHECK(now->connection->address == c.address);
    // Events arrive in publication order.
    auto all = host.events();
    for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].seq > all[i - 1].seq);
}

TEST_CASE("end_session releases; ending twice is fine; cancel withdraws only queued requests") {
    Host host;
    host.start();
    apply(host);
    auto placed = placed_session(host, "alice");
    CHECK(host.engine->cancel(placed.session).error().code == ErrorCode::conflict);
    REQUIRE(host.engine->end_session(placed.session).ok());
    auto ended = host.wait_for(kind_is(EngineEventKind::session_ended, placed.session),
                               "session_ended");
    CHECK(ended.message == "released");
    CHECK(host.engine->end_session(placed.session).ok());
    CHECK(host.engine->session(placed.session)->state == SessionState::ended);
    CHECK(host.engine->connection(placed.session).error().code == ErrorCode::conflict);

    // With the one free machine taken, the next request waits; cancelling withdraws it.
    auto bob = placed_session(host, "bob");
    auto carol = request(host, "carol");
    REQUIRE(carol.state == SessionState::queued);
    REQUIRE(host.engine->cancel(carol.id).ok());
    auto cancelled = host.wait_for(kind_is(EngineEventKind::session_ended, carol.id),
                                   "session_ended");
    CHECK(cancelled.message == "cancelled while queued");
    CHECK(host.engine->session(carol.id)->state == SessionState::cancelled);
    CHECK(host.engine->end_session("ses-nope").error().code == ErrorCode::not_found);
    (void)bob;
}

TEST_CASE("drain stops new placements on a machine; undrain reverses it") {
    Host host;
    host.start();
    apply(host);
    auto placed = placed_session(host, "alice");
    REQUIRE(host.engine->drain(placed.machine).ok());
    auto draining = host.wait_for(kind_is(EngineEventKind::machine_draining), "machine_draining");
    CHECK(draining.machine == placed.machine);
    CHECK(host.engine->drain(placed.machine).ok());  // already draining
    REQUIRE(host.engine->undrain(placed.machine).ok());
    CHECK(host.engine->undrain(placed.machine).ok());
    auto missing = host.engine->drain("srv-nope");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
}

TEST_CASE("bad requests and bundles are refused naming the field") {
    Host host;
    host.start();
    apply(host);
    auto unknown = host.engine->request_session({"nope", "alice", SessionKind::desktop, 0});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::not_found);
    CHECK(unknown.error().field == "/pool");
    CHECK(unknown.error().message.find("nope") != std::string::npos);
    auto nobody = host.engine->request_session({"desktops", "", SessionKind::app, 0});
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().field == "/user");

    auto malformed = host.engine->apply_config("{\"pools\": [");
    REQUIRE_FALSE(malformed.ok());
    CHECK(malformed.error().code == ErrorCode::invalid);
    auto bad = test::bundle(2, cloud_name());
    bad.replace(bad.find("\"min_available_sessions\": 0"), 27, "\"min_available_sessions\": \"x\"");
    auto typed = host.engine->apply_config(bad);
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.error().field == "/autoscale_configs/0/min_available_sessions");
    auto dangling = test::bundle(2, cloud_name());
    dangling.replace(dangling.find("\"pool_id\": \"desktops\""), 21, "\"pool_id\": \"gone\"");
    auto refused = host.engine->apply_config(dangling);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "/autoscale_configs/0/pool_id");
    // A check-in forwarded by the host with a token no machine was given.
    auto stranger = host.engine->check_in("not-a-token", "running", "10.0.0.9");
    REQUIRE_FALSE(stranger.ok());
    CHECK(stranger.error().code == ErrorCode::unauthenticated);
}

TEST_CASE("options are checked before anything is opened") {
    auto field_of = [](std::function<void(Options&)> tweak) {
        Host host(std::move(tweak));
        auto created = Engine::create(host.options);
        REQUIRE_FALSE(created.ok());
        CHECK(created.error().code == ErrorCode::invalid);
        return created.error().field;
    };
    CHECK(field_of([](Options& o) { o.store_path.clear(); }) == "/store_path");
    CHECK(field_of([](Options& o) { o.executor = {}; }) == "/executor");
    CHECK(field_of([](Options& o) { o.plugin_dirs.push_back("/nonexistent/plugins"); }) ==
          "/plugin_dirs/1");
    CHECK(field_of([](Options& o) { o.tick = std::chrono::milliseconds(0); }) == "/tick");
    CHECK(field_of([](Options& o) { o.worker_threads = 0; }) == "/worker_threads");
}

TEST_CASE("an acknowledged request survives the engine; a stopped engine refuses calls") {
    Host host;
    host.start();
    apply(host);
    auto s = host.engine->request_session({"desktops", "alice", SessionKind::desktop, 0});
    REQUIRE(s.ok());
    host.engine->stop();  // most likely while the machine's create is still in flight
    host.engine->stop();
    auto after = host.engine->session(s->id);
    REQUIRE_FALSE(after.ok());
    CHECK(after.error().code == ErrorCode::unavailable);
    host.engine.reset();

    auto again = Engine::create(host.options);
    REQUIRE(again.ok());
    auto found = again.value()->session(s->id);
    REQUIRE(found.ok());
    CHECK(found->id == s->id);
}

TEST_CASE("stop() cancels a provider call in flight instead of waiting it out") {
    Host host([](Options& o) { o.worker_threads = 1; });
    host.start();
    // Every call of this cloud hangs until its deadline (two minutes) unless cancelled.
    auto applied = host.engine->apply_config(
        test::bundle(2, cloud_name(), R"(, "errors": {"timeout_rate": 1})"));
    REQUIRE(applied.ok());
    auto s = request(host, "alice");
    host.wait_for(kind_is(EngineEventKind::machine_ordered), "machine_ordered");
    // Returns once the hung create noticed the cancellation; were it not cancelled, this
    // would outlast the test's timeout.
    host.engine->stop();
    CHECK(host.engine->request_session({"desktops", "bob", SessionKind::desktop, 0})
              .error()
              .code == ErrorCode::unavailable);
    host.engine.reset();
    // The request itself was acknowledged before the stop: a new engine still knows it.
    auto again = Engine::create(host.options);
    REQUIRE(again.ok());
    auto found = again.value()->session(s.id);
    REQUIRE(found.ok());
    CHECK(found->state == SessionState::queued);
}
