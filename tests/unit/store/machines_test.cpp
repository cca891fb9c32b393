// Servers and sessions: round trips and the filters the runtime relies on.
#include "support.h"

using namespace tidepool;
using namespace tidepool::store;
using namespace tidepool::store::test;
using model::MachineState;
using model::SessionState;

namespace {

std::vector<std::string> ids_of(const auto& items) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("servers round trip every field") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    model::Server s = server("srv-1", "web", "cfg");
    s.provider_id = "i-0abc";
    s.state = MachineState::starting;
    s.address = "10.0.0.7";
    s.max_sessions = 10;
    s.max_users = 3;
    s.checkin_token_hash = "ab12";
    s.checkin_expires_at = model::from_unix(2000);
    s.created_at = model::from_unix(1000);
    s.state_changed_at = model::from_unix(1500);
    s.cores = 4;
    s.gpus = 0.5;
    s.memory_gib = 15.5;
    REQUIRE_OK(store->put_server(s));
    auto back = store->get_server("srv-1");
    REQUIRE(back.ok());
    CHECK(back->pool_id == "web");
    CHECK(back->config_id == "cfg");
    CHECK(back->name == s.name);
    CHECK(back->provider_id == "i-0abc");
    CHECK(back->state == MachineState::starting);
    CHECK(back->address == "10.0.0.7");
    CHECK(back->max_sessions == 10);
    CHECK(back->max_users == 3);
    CHECK(back->checkin_token_hash == "ab12");
    CHECK(back->checkin_expires_at == s.checkin_expires_at);
    CHECK(back->created_at == s.created_at);
    CHECK(back->state_changed_at == s.state_changed_at);
    CHECK(back->cores == 4);
    CHECK(back->gpus == 0.5);
    CHECK(back->memory_gib == 15.5);

    s.state = MachineState::running;
    s.checkin_token_hash.clear();
    REQUIRE_OK(store->put_server(s));
    CHECK(store->get_server("srv-1")->state == MachineState::running);
    CHECK(store->get_server("srv-1")->checkin_token_hash.empty());
    CHECK(store->get_server("nope").error().code == ErrorCode::not_found);
}

TEST_CASE("server filters: pool, config, states") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_pool(pool("gpu")));
    REQUIRE_OK(store->put_server(server("c", "web", "a", MachineState::running)));
    REQUIRE_OK(store->put_server(server("a", "web", "a", MachineState::starting)));
    REQUIRE_OK(store->put_server(server("b", "web", "", MachineState::gone)));
    REQUIRE_OK(store->put_server(server("d", "gpu", "g", MachineState::draining)));

    CHECK(ids_of(*store->list_servers()) == Ids{"a", "b", "c", "d"});
    CHECK(ids_of(*store->list_servers({.pool_id = "web"})) == Ids{"a", "b", "c"});
    CHECK(ids_of(*store->list_servers({.config_id = "a"})) == Ids{"a", "c"});
    CHECK(ids_of(*store->list_servers({.states = {MachineState::running,
                                                  MachineState::draining}})) == Ids{"c", "d"});
    CHECK(ids_of(*store->list_servers(
              {.pool_id = "web", .config_id = "a", .states = {MachineState::starting}})) ==
          Ids{"a"});
    CHECK(store->list_servers({.pool_id = "none"})->empty());
}

TEST_CASE("check-in token hashes are unique and found by hash") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    auto a = server("a", "web");
    a.checkin_token_hash = "hash-a";
    REQUIRE_OK(store->put_server(a));
    REQUIRE_OK(store->put_server(server("b", "web")));  // no token: never collides
    REQUIRE_OK(store->put_server(server("c", "web")));

    auto found = store->find_server_by_token_hash("hash-a");
    REQUIRE(found.ok());
    CHECK(found->id == "a");
    CHECK(store->find_server_by_token_hash("other").error().code == ErrorCode::not_found);
    CHECK(store->find_server_by_token_hash("").error().code == ErrorCode::not_found);

    auto dup = server("b", "web");
    dup.checkin_token_hash = "hash-a";
    auto refused = store->put_server(dup);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::conflict);
    CHECK(refused.error().message.find("hash-a") == std::string::npos);
}

TEST_CASE("removing a server: not while it hosts live sessions") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_server(server("srv", "web")));
    REQUIRE_OK(store->put_session(session("s1", "web", "srv", SessionState::placed)));
    auto busy = store->remove_server("srv");
    CHECK(busy.error().code == ErrorCode::conflict);
    CHECK(busy.error().message ==
          R"(server "srv" is still used by sessions "s1"; remove or reassign them first)");
    REQUIRE_OK(store->put_session(session("s1", "web", "srv", SessionState::ended)));
    REQUIRE_OK(store->remove_server("srv"));
    CHECK(store->remove_server("srv").error().code == ErrorCode::not_found);
    CHECK(store->get_session("s1")->server_id == "srv");  // history keeps its pointer
}

TEST_CASE("sessions round trip every field") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    model::Session s = session("ses-1", "web", "srv-9", SessionState::failed);
    s.user = "bob@example.com";
    s.kind = model::SessionKind::app;
    s.priority = -3;
    s.requested_at = model::from_unix(100);
    s.placed_at = model::from_unix(200);
    s.ended_at = model::from_unix(300);
    s.failure_reason = "queue wait exceeded";
    s.cores = 2;
    s.gpus = 1;
    s.memory_gib = 4.5;
    REQUIRE_OK(store->put_session(s));
    auto back = store->get_session("ses-1");
    REQUIRE(back.ok());
    CHECK(model::to_json(*back) == model::to_json(s));
    CHECK(store->get_session("nope").error().code == ErrorCode::not_found);
}

TEST_CASE("replacing a session replaces every field, including the ones that rarely change") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_pool(pool("gpu")));
    model::Session s = session("s", "web");
    REQUIRE_OK(store->put_session(s));
    s.state = SessionState::placed;  // the common case: only state-like fields change
    s.server_id = "srv";
    s.placed_at = model::from_unix(5);
    REQUIRE_OK(store->put_session(s));
    CHECK(model::to_json(*store->get_session("s")) == model::to_json(s));
    s.pool_id = "gpu";  // and the rare one
    s.user = "bob";
    s.kind = model::SessionKind::app;
    s.requested_at = model::from_unix(1);
    REQUIRE_OK(store->put_session(s));
    CHECK(model::to_json(*store->get_session("s")) == model::to_json(s));
    s.pool_id = "ghost";
    CHECK(store->put_session(s).error().field == "/pool_id");
}

TEST_CASE("session filters: pool, server, user, states") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_pool(pool("gpu")));
    REQUIRE_OK(store->put_session(session("q1", "web", "", SessionState::queued)));
    REQUIRE_OK(store->put_session(session("p1", "web", "s1", SessionState::placed)));
    REQUIRE_OK(store->put_session(session("p2", "web", "s2", SessionState::placed)));
    REQUIRE_OK(store->put_session(session("e1", "web", "s1", SessionState::ended)));
    auto bob = session("g1", "gpu", "s3", SessionState::placed);
    bob.user = "bob";
    REQUIRE_OK(store->put_session(bob));

    CHECK(ids_of(*store->list_sessions()) == Ids{"e1", "g1", "p1", "p2", "q1"});
    CHECK(ids_of(*store->list_sessions({.pool_id = "web",
                                        .states = {SessionState::queued,
                                                   SessionState::placed}})) ==
          Ids{"p1", "p2", "q1"});
    CHECK(ids_of(*store->list_sessions({.server_id = "s1"})) == Ids{"e1", "p1"});
    CHECK(ids_of(*store->list_sessions({.user = "bob"})) == Ids{"g1"});
    CHECK(ids_of(*store->list_sessions({.states = {SessionState::ended}})) == Ids{"e1"});
    CHECK(store->get_session("q1")->server_id.empty());
}

TEST_CASE("arrival times: a pool's requests from an instant on, every state, ascending") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_pool(pool("gpu")));
    auto add = [&](const char* id, const char* pool_id, std::int64_t at,
                   model::SessionState state) {
        model::Session s;
        s.id = id;
        s.pool_id = pool_id;
        s.user = "u";
        s.state = state;
        s.requested_at = model::from_unix(at);
        REQUIRE_OK(store->put_session(s));
    };
    add("s3", "web", 300, model::SessionState::ended);
    add("s1", "web", 100, model::SessionState::queued);
    add("s2", "web", 200, model::SessionState::placed);
    add("s4", "gpu", 250, model::SessionState::queued);
    model::Session staged;  // pre-started, nobody's request: not an arrival
    staged.id = "s5";
    staged.pool_id = "web";
    staged.state = model::SessionState::staged;
    staged.requested_at = model::from_unix(250);
    REQUIRE_OK(store->put_session(staged));
    auto times = store->arrival_times("web", 150);
    REQUIRE(times.ok());
    CHECK(*times == std::vector<std::int64_t>{200, 300});
}

TEST_CASE("a server's last session end: kept by put_session, never moved back") {
    TempDir dir;
    auto store = open_store(dir.file("db.sqlite"));
    REQUIRE_OK(store->put_pool(pool("web")));
    REQUIRE_OK(store->put_server(server("srv-1", "web", "cfg")));
    CHECK(store->get_server("srv-1")->last_session_end_at == model::Instant{});
    auto end = [&](const char* id, SessionState state, std::int64_t at) {
        model::Session s = session(id, "web", "srv-1");
        s.state = state;
        s.ended_at = model::from_unix(at);
        REQUIRE_OK(store->put_session(s));
    };
    const std::int64_t written = store->rows_written();
    end("ses-1", SessionState::placed, 0);  // not an end
    CHECK(store->get_server("srv-1")->last_session_end_at == model::Instant{});
    CHECK(store->rows_written() > written);
    end("ses-1", SessionState::ended, 2000);
    CHECK(store->get_server("srv-1")->last_session_end_at == model::from_unix(2000));
    end("ses-2", SessionState::failed, 1500);  // an older end, written late
    CHECK(store->get_server("srv-1")->last_session_end_at == model::from_unix(2000));
    auto row = store->get_server("srv-1").value();
    row.last_session_end_at = model::from_unix(1);  // put_server does not write the column
    REQUIRE_OK(store->put_server(row));
    CHECK(store->get_server("srv-1")->last_session_end_at == model::from_unix(2000));
}
