// Group commit: durable works queued together share one transaction, each answer comes after
// the commit, events wait for it, and a failing work rolls back alone.
#include <doctest/doctest.h>

#include <vector>

#include "harness.h"

using namespace tidepool;
using test::Harness;

namespace {

// A server pool with one running server of `sessions` slots, placed by hand.
void one_running_server(Harness& h, int sessions) {
    h.add_server_pool(0);
    model::Server s;
    s.id = "srv-a";
    s.pool_id = "p";
    s.config_id = "c";
    s.state = model::MachineState::running;
    s.max_sessions = sessions;
    s.max_users = sessions;
    REQUIRE(h.store->put_server(s).ok());
}

}  // namespace

TEST_CASE("requests queued together commit in one batch and are answered after it") {
    Harness h;
    one_running_server(h, 10);
    std::vector<runtime::Event> seen;
    auto sub = h.rt->events().subscribe([&](const runtime::Event& e) { seen.push_back(e); });
    std::vector<Result<void>> answers;
    std::vector<model::Id> ids;
    for (int i = 0; i < 5; ++i) {
        h.rt->post_durable(
            [&, i]() -> Result<void> {
                CHECK(seen.empty());  // nothing is announced before the batch commits
                auto v = h.rt->request_session({"p", "user" + std::to_string(i)});
                if (!v.ok()) return v.error();
                ids.push_back(v->session.id);
                return {};
            },
            [&](const Result<void>& r) {
                answers.push_back(r);
                CHECK(seen.size() == 5);  // every placement is announced, then answered
            });
    }
    h.drain();
    REQUIRE(answers.size() == 5);
    for (const auto& a : answers) CHECK(a.ok());
    CHECK(h.rt->durable_stats().works == 5);
    CHECK(h.rt->durable_stats().batches == 1);
    for (const auto& id : ids)
        CHECK(h.store->get_session(id)->state == model::SessionState::placed);
}

TEST_CASE("a failing work rolls back only its own writes") {
    Harness h;
    one_running_server(h, 10);
    std::vector<runtime::Event> seen;
    auto sub = h.rt->events().subscribe([&](const runtime::Event& e) { seen.push_back(e); });
    std::vector<Result<void>> answers;
    model::Id doomed;
    auto place = [&](const std::string& user, bool fail) {
        h.rt->post_durable(
            [&, user, fail]() -> Result<void> {
                auto v = h.rt->request_session({"p", user});
                if (!v.ok()) return v.error();
                if (!fail) return {};
                doomed = v->session.id;
                return make_error(ErrorCode::conflict, "the caller gave up after writing");
            },
            [&](const Result<void>& r) { answers.push_back(r); });
    };
    place("alice", false);
    place("bob", true);
    place("carol", false);
    h.drain();
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].ok());
    CHECK(answers[1].error().code == ErrorCode::conflict);
    CHECK(answers[2].ok());
    CHECK_FALSE(h.store->get_session(doomed).ok());
    auto placed = h.store->list_sessions({"p", std::nullopt, std::nullopt,
                                          {model::SessionState::placed}});
    CHECK(placed->size() == 2);
    // bob wrote before failing: the batch ran again with a savepoint each, and what the first
    // run announced was dropped, so alice and carol are announced once and bob never.
    CHECK(h.rt->durable_stats().reruns == 1);
    REQUIRE(seen.size() == 2);
    for (const auto& e : seen) CHECK(e.session_id != doomed);
    // The index forgot bob's slot with the rollback: 10 - alice - carol = 8 are free.
    int more = 0;
    h.on_strand([&] {
        for (int i = 0; i < 12; ++i)
            if (h.rt->request_session({"p", "late" + std::to_string(i)})->session.state ==
                model::SessionState::placed)
                ++more;
    });
    CHECK(more == 8);
}

TEST_CASE("a work that fails before writing costs its batch no second run") {
    Harness h;
    one_running_server(h, 10);
    std::vector<Result<void>> answers;
    for (const char* pool : {"p", "no-such-pool", "p"}) {
        h.rt->post_durable(
            [&, pool]() -> Result<void> {
                auto v = h.rt->request_session({pool, "alice", model::SessionKind::app, 0});
                if (!v.ok()) return v.error();
                return {};
            },
            [&](const Result<void>& r) { answers.push_back(r); });
    }
    h.drain();
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].ok());
    CHECK(answers[1].error().code == ErrorCode::not_found);
    CHECK(answers[2].ok());
    CHECK(h.rt->durable_stats().reruns == 0);
    CHECK(h.store->list_sessions({"p", std::nullopt, std::nullopt,
                                  {model::SessionState::placed}})
              ->size() == 2);
}
