// The runtime publishes every session and machine transition on its event bus, carrying what
// `tidepool watch`, the SSE route and an embedding host need (ids, queue position, ETA, why).
#include <doctest/doctest.h>

#include "harness.h"

using namespace tidepool;
using runtime::Event;
using runtime::EventKind;
using test::Harness;

namespace {
struct Recorder {
    explicit Recorder(Harness& h)
        : sub(h.rt->events().subscribe([this](const Event& e) { seen.push_back(e); })) {}
    std::vector<EventKind> kinds() const {
        std::vector<EventKind> out;
        for (const auto& e : seen)
            if (e.kind != EventKind::decision) out.push_back(e.kind);
        return out;
    }
    const Event* first(EventKind kind) const {
        for (const auto& e : seen)
            if (e.kind == kind) return &e;
        return nullptr;
    }
    std::vector<Event> seen;
    runtime::Subscription sub;
};
}  // namespace

TEST_CASE("queue, order, ready, place, release: each step is one event in order") {
    Harness h;
    h.add_server_pool(0);
    Recorder rec(h);
    Result<runtime::SessionView> r = make_error(ErrorCode::internal, "not run");
    h.on_strand([&] { r = h.rt->request_session({"p", "alice", model::SessionKind::desktop, 0}); });
    REQUIRE(r.ok());
    const Event* queued = rec.first(EventKind::session_queued);
    REQUIRE(queued);
    CHECK(queued->session_id == r->session.id);
    CHECK(queued->pool_id == "p");
    CHECK(queued->queue_position == 1);
    CHECK(queued->eta_s >= 0);

    h.tick();  // orders one server for the queued request
    h.gateway.set_all_running();
    h.tick();  // sees it running
    h.tick();  // places the queued session
    h.on_strand([&] { (void)h.rt->release_session(r->session.id); });
    CHECK(rec.kinds() == std::vector<EventKind>{EventKind::session_queued,
                                                EventKind::machine_ordered,
                                                EventKind::machine_ready,
                                                EventKind::session_placed,
                                                EventKind::session_ended});
    const Event* placed = rec.first(EventKind::session_placed);
    CHECK(placed->machine_id == h.servers().at(0).id);
    CHECK(placed->eta_s == -1);
    CHECK(rec.first(EventKind::decision) != nullptr);  // the scale-up was explained
    for (std::size_t i = 1; i < rec.seen.size(); ++i)
        CHECK(rec.seen[i].seq == rec.seen[i - 1].seq + 1);
}

TEST_CASE("drain and removal of an empty server are published") {
    Harness h;
    h.add_server_pool(1);
    h.tick();
    h.gateway.set_all_running();
    h.tick();
    auto id = h.servers().at(0).id;
    Recorder rec(h);
    h.on_strand([&] { REQUIRE(h.rt->set_draining(id, true).ok()); });
    h.tick();  // empty and draining: deleted
    const Event* draining = rec.first(EventKind::machine_draining);
    REQUIRE(draining);
    CHECK(draining->machine_id == id);
    const Event* removed = rec.first(EventKind::machine_removed);
    REQUIRE(removed);
    CHECK(removed->machine_id == id);
}

TEST_CASE("a queued request that waits too long fails with its reason in the event") {
    Harness h;
    h.add_server_pool(0, /*max_instances=*/0);
    model::Pool p = h.store->get_pool("p").value();
    p.max_queue_wait_s = 5;
    REQUIRE(h.store->put_pool(p).ok());
    model::Server booting;
    booting.id = "srv-boot";
    booting.pool_id = "p";
    booting.state = model::MachineState::starting;
    REQUIRE(h.store->put_server(booting).ok());
    Recorder rec(h);
    h.on_strand([&] { (void)h.rt->request_session({"p", "bob", model::SessionKind::app, 0}); });
    h.advance(6);
    h.tick();
    const Event* failed = rec.first(EventKind::session_failed);
    REQUIRE(failed);
    CHECK(failed->message.find("maximum wait of 5 s") != std::string::npos);
}

TEST_CASE("the queue's positions and ETAs: behind a booting server, then a new one; news is "
          "published as session_eta") {
    Harness h;
    h.add_server_pool(0, /*max_instances=*/1);  // one server of 2 sessions, then no more
    auto ask = [&](const char* user, int priority) {
        Result<runtime::SessionView> r = make_error(ErrorCode::internal, "not run");
        h.on_strand([&] {
            r = h.rt->request_session({"p", user, model::SessionKind::desktop, priority});
        });
        REQUIRE(r.ok());
        return r->session.id;
    };
    auto alice = ask("alice", 0);
    auto bob = ask("bob", 0);
    h.tick();  // orders the one server: both wait for its boot (60 s before any is observed)
    h.advance(20);
    auto view = [&](const model::Id& id) {
        Result<runtime::SessionView> v = make_error(ErrorCode::internal, "not run");
        h.on_strand([&] { v = h.rt->get_session(id); });
        REQUIRE(v.ok());
        return v.value();
    };
    CHECK(view(alice).queue_position == 1);
    CHECK(view(alice).eta_s == 40);
    CHECK(view(bob).eta_s == 40);

    Recorder rec(h);
    auto carol = ask("carol", 5);  // jumps the queue; the server is spoken for, none can follow
    CHECK(view(carol).queue_position == 1);
    CHECK(view(carol).eta_s == 40);
    CHECK(view(alice).queue_position == 2);
    CHECK(view(bob).queue_position == 3);
    CHECK(view(bob).eta_s == -1);  // max_instances reached: unknown
    h.tick();
    std::map<model::Id, Event> eta;
    for (const auto& e : rec.seen)
        if (e.kind == EventKind::session_eta) eta[e.session_id] = e;
    REQUIRE(eta.count(alice) == 1);
    CHECK(eta[alice].queue_position == 2);
    CHECK(eta[alice].eta_s == 40);
    REQUIRE(eta.count(bob) == 1);
    CHECK(eta[bob].queue_position == 3);
    CHECK(eta[bob].eta_s == -1);
    CHECK(eta.count(carol) == 0);  // its session_queued event already said so

    rec.seen.clear();
    h.advance(10);
    h.tick();  // only counting down: no news
    CHECK(rec.first(EventKind::session_eta) == nullptr);
}

TEST_CASE("a queued request takes back a draining server before a new one is ordered") {
    Harness h;
    h.add_server_pool(0);
    auto ask = [&](const char* user) {
        Result<runtime::SessionView> r = make_error(ErrorCode::internal, "not run");
        h.on_strand([&] { r = h.rt->request_session({"p", user, model::SessionKind::app, 0}); });
        REQUIRE(r.ok());
        return r->session.id;
    };
    auto alice = ask("alice");
    h.tick();  // orders a server for alice
    h.gateway.set_all_running();
    h.tick();
    h.tick();
    REQUIRE(h.store->get_session(alice)->state == model::SessionState::placed);
    auto id = h.servers().at(0).id;
    h.on_strand([&] { REQUIRE(h.rt->set_draining(id, true).ok()); });
    h.tick();  // busy and no queue: the drain stands
    CHECK(h.store->get_server(id)->state == model::MachineState::draining);

    Recorder rec(h);
    auto bob = ask("bob");  // the draining server takes no new session: bob queues
    CHECK(h.store->get_session(bob)->state == model::SessionState::queued);
    h.tick();  // demand returned: undrain rather than order
    CHECK(h.store->get_server(id)->state == model::MachineState::running);
    CHECK(h.gateway.vm_count() == 1);
    const Event* ready = rec.first(EventKind::machine_ready);
    REQUIRE(ready);
    CHECK(ready->message == "undrained");
    h.tick();
    CHECK(h.store->get_session(bob)->server_id == id);
}
