// Session commands end to end, including --wait driven by a fake clock.
#include <doctest/doctest.h>

#include "cli/exit_codes.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using namespace tidepool::cli::test;

namespace {

std::string session(const std::string& state, int position, const std::string& eta,
                    const std::string& server = "", const std::string& reason = "") {
    return R"({"id":"s-1","pool_id":"p1","server_id":")" + server +
           R"(","user":"ann","kind":"desktop","state":")" + state +
           R"(","priority":0,"requested_at":"2024-05-01T10:00:00Z","placed_at":null,)"
           R"("queue_position":)" + std::to_string(position) + R"(,"eta_s":)" + eta +
           R"(,"failure_reason":")" + reason + R"("})";
}

CliResult cli(FakeApi& api, std::vector<std::string> args, FakeWorld& world) {
    args.insert(args.begin(), {"--url", api.url()});
    return run(args, world);
}

CliResult cli(FakeApi& api, std::vector<std::string> args) {
    FakeWorld world;
    return cli(api, std::move(args), world);
}

}  // namespace

TEST_CASE("sessions lists with filters, queue position and ETA") {
    FakeApi api;
    api.answer("GET", "/api/v1/sessions", 200,
               "{\"items\":[" + session("queued", 2, "185") + "," +
                   session("placed", 0, "null", "srv-1") + "]}");
    auto r = cli(api, {"sessions", "--pool", "p1", "--state", "queued"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().target == "/api/v1/sessions?pool=p1&state=queued&limit=1000");
    CHECK(r.out ==
          "ID   POOL  USER  KIND     STATE   SERVER  QUEUE  ETA\n"
          "s-1  p1    ann   desktop  queued  -       2      3m05s\n"
          "s-1  p1    ann   desktop  placed  srv-1   -      -\n");
    cli(api, {"sessions"});
    CHECK(api.last().target == "/api/v1/sessions?limit=1000");
}

TEST_CASE("sessions request posts the documented body") {
    FakeApi api;
    api.answer("POST", "/api/v1/sessions", 201, session("placed", 0, "null", "srv-1"));
    auto r = cli(api, {"sessions", "request", "--pool", "p1", "--user", "ann"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().body == R"({"pool_id":"p1","user":"ann","kind":"desktop","priority":0})");
    CHECK(r.out.find("state           placed\n") != std::string::npos);
    cli(api, {"sessions", "request", "--pool", "p1", "--user", "bob", "--kind", "app",
              "--priority", "5"});
    CHECK(api.last().body == R"({"pool_id":"p1","user":"bob","kind":"app","priority":5})");
}

TEST_CASE("--wait polls until placed and reports progress on stderr") {
    FakeApi api;
    api.answer("POST", "/api/v1/sessions", 202, session("queued", 3, "90"));
    api.answer_sequence("GET", "/api/v1/sessions/{id}",
                        {{200, session("queued", 3, "90")},
                         {200, session("queued", 1, "30")},
                         {200, session("placed", 0, "null", "srv-2")}});
    FakeWorld world;
    auto r = cli(api, {"sessions", "request", "--pool", "p1", "--user", "ann", "--wait", "60"},
                 world);
    CHECK(r.code == kExitOk);
    CHECK(world.sleeps == 3);
    CHECK(r.err ==
          "waiting for session s-1: queued, position 3, ETA 1m30s\n"
          "waiting for session s-1: queued, position 1, ETA 30s\n");
    CHECK(r.out.find("server_id       srv-2\n") != std::string::npos);
    CHECK(api.last().target == "/api/v1/sessions/s-1");
}

TEST_CASE("--wait fails when the session fails or time runs out") {
    FakeApi api;
    api.answer("POST", "/api/v1/sessions", 202, session("queued", 1, "10"));
    api.answer("GET", "/api/v1/sessions/{id}", 200,
               session("failed", 0, "null", "", "no config could provision"));
    auto failed = cli(api, {"sessions", "request", "--pool", "p1", "--user", "u", "--wait", "5"});
    CHECK(failed.code == kExitApiError);
    CHECK(failed.err.find("tidepool: session s-1 failed: no config could provision\n") !=
          std::string::npos);

    api.answer("GET", "/api/v1/sessions/{id}", 200, session("queued", 1, "10"));
    FakeWorld world;
    auto timeout = cli(api, {"sessions", "request", "--pool", "p1", "--user", "u", "--wait", "2"},
                       world);
    CHECK(timeout.code == kExitApiError);
    CHECK(world.sleeps == 4);  // 0.5 s steps of the fake clock
    auto last_line = timeout.err.substr(timeout.err.rfind("tidepool: "));
    CHECK(last_line ==
          "tidepool: session s-1 was not placed within 2 s (queued, position 1, ETA 10s); it "
          "stays queued, release it with: tidepool sessions release s-1\n");
}

TEST_CASE("sessions release deletes and reports the final state") {
    FakeApi api;
    api.answer("DELETE", "/api/v1/sessions/{id}", 200, session("ended", 0, "null"));
    auto r = cli(api, {"sessions", "release", "s/1"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().method == "DELETE");
    CHECK(api.last().target == "/api/v1/sessions/s%2F1");
    CHECK(r.out == "released session s/1 (now ended)\n");
}
