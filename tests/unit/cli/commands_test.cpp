// Read commands and configuration end to end over real HTTP against a fake tidepoold.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/exit_codes.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using namespace tidepool::cli::test;

namespace {

CliResult cli(FakeApi& api, std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", api.url()});
    return run(args);
}

// Files live in a fresh directory per process, so parallel test runs cannot collide.
std::string write_file(const std::string& name, const std::string& content) {
    static const std::string dir = [] {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "tidepool-cli-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        return pattern;
    }();
    std::string path = dir + "/" + name;
    std::ofstream(path) << content;
    return path;
}

}  // namespace

TEST_CASE("status prints key/value lines, --json prints the pretty JSON") {
    FakeApi api;
    api.answer("GET", "/api/v1/status", 200,
               R"({"version":"0.1.0","uptime_s":42,"pools":2,"servers":{"starting":1,"running":3},)"
               R"("sessions":{"queued":0,"placed":4},"plugins":3,)"
               R"("reconcile":{"adopted":0,"orphans_deleted":1,"last_run":"2024-05-01T10:00:00Z"}})");
    auto r = cli(api, {"status"});
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "version    0.1.0\n"
          "uptime_s   42\n"
          "pools      2\n"
          "servers    starting 1, running 3\n"
          "sessions   queued 0, placed 4\n"
          "plugins    3\n"
          "reconcile  adopted 0, orphans_deleted 1, last_run 2024-05-01T10:00:00Z\n");
    auto j = cli(api, {"status", "--json"});
    CHECK(j.code == kExitOk);
    CHECK(j.out.rfind("{\n  \"version\": \"0.1.0\",\n", 0) == 0);
    CHECK(api.last().target == "/api/v1/status");
}

TEST_CASE("pools and servers print tables; --pool filters via the query") {
    FakeApi api;
    api.answer("GET", "/api/v1/pools", 200,
               R"({"items":[{"id":"p1","name":"Linux desktops","kind":"server",)"
               R"("placement":"breadth_first","max_queue_wait_s":900}]})");
    auto pools = cli(api, {"pools"});
    CHECK(pools.code == kExitOk);
    CHECK(pools.out ==
          "ID  NAME            KIND    PLACEMENT\n"
          "p1  Linux desktops  server  breadth_first\n");

    api.answer("GET", "/api/v1/servers", 200,
               R"({"items":[{"id":"srv-1","pool_id":"p 1","config_id":"c1","name":"n",)"
               R"("provider_id":"i-1","state":"running","address":"10.0.0.5","max_sessions":4,)"
               R"("max_users":4,"sessions":2,"created_at":"2024-05-01T10:00:00Z"}]})");
    auto servers = cli(api, {"servers", "--pool", "p 1"});
    CHECK(servers.code == kExitOk);
    CHECK(api.last().target == "/api/v1/servers?pool=p%201&limit=1000");
    CHECK(servers.out ==
          "ID     POOL  STATE    ADDRESS   SESSIONS  CREATED\n"
          "srv-1  p 1   running  10.0.0.5  2/4       2024-05-01T10:00:00Z\n");
    api.answer("GET", "/api/v1/pools", 200, R"({"items":[]})");
    CHECK(cli(api, {"pools"}).out == "no pools\n");
}

TEST_CASE("the API key is sent as a bearer token, from the flag or the environment") {
    FakeApi api;
    cli(api, {"pools", "--api-key", "s3cret"});
    CHECK(api.last().authorization == "Bearer s3cret");
    FakeWorld world;
    world.vars["TIDEPOOL_URL"] = api.url();
    world.vars["TIDEPOOL_API_KEY"] = "from-env";
    CHECK(run({"pools"}, world).code == kExitOk);
    CHECK(api.last().authorization == "Bearer from-env");
    cli(api, {"pools"});
    CHECK(api.last().authorization.empty());
}

TEST_CASE("configs apply checks the JSON locally, posts it and names the file in errors") {
    FakeApi api;
    std::string good = write_file("good.json", R"({"pools":[{"id":"p1","kind":"server"}]})");
    api.answer("POST", "/api/v1/apply", 200,
               R"({"applied":{"zones":0,"pools":1,"provider_configs":0,"autoscale_configs":2}})");
    auto ok = cli(api, {"configs", "apply", good});
    CHECK(ok.code == kExitOk);
    CHECK(ok.out == "applied " + good +
                        ": 0 zones, 1 pools, 0 provider_configs, 2 autoscale_configs\n");
    CHECK(api.last().body == R"({"pools":[{"id":"p1","kind":"server"}]})");
    CHECK(api.last().content_type == "application/json");

    std::string bad = write_file("bad.json", "{\n  \"pools\": [\n    {\"id\": }\n]}");
    auto count = api.seen().size();
    auto broken = cli(api, {"configs", "apply", bad});
    CHECK(broken.code == kExitApiError);
    CHECK(broken.err.rfind("tidepool: " + bad + " is not valid JSON: ", 0) == 0);
    CHECK(broken.err.find("(line 3, column 12)") != std::string::npos);
    CHECK(api.seen().size() == count);  // never sent

    auto missing = cli(api, {"configs", "apply", "/nonexistent/x.json"});
    CHECK(missing.code == kExitApiError);
    CHECK(missing.err.find("cannot read /nonexistent/x.json") != std::string::npos);

    api.answer("POST", "/api/v1/apply", 400,
               R"({"error":{"code":"invalid","message":"\"kind\": \"vm\" is not allowed",)"
               R"("field":"/pools/0/kind"}})");
    auto rejected = cli(api, {"configs", "apply", good});
    CHECK(rejected.code == kExitApiError);
    CHECK(rejected.err == "tidepool: " + good +
                              ": \"kind\": \"vm\" is not allowed (field /pools/0/kind)\n");
    std::remove(good.c_str());
    std::remove(bad.c_str());
}

TEST_CASE("configs show lists or shows one; configs delete") {
    FakeApi api;
    api.answer("GET", "/api/v1/autoscale-configs", 200,
               R"({"items":[{"id":"c1","name":"on-prem","pool_id":"p1","priority":10,)"
               R"("enabled":true}]})");
    auto list = cli(api, {"configs", "show"});
    CHECK(list.out ==
          "ID  NAME     POOL  PRIORITY  ENABLED\n"
          "c1  on-prem  p1    10        true\n");
    api.answer("GET", "/api/v1/autoscale-configs/{id}", 200,
               R"({"id":"c1","name":"on-prem","downscale_backoff_s":900})");
    auto one = cli(api, {"configs", "show", "c1"});
    CHECK(api.last().target == "/api/v1/autoscale-configs/c1");
    CHECK(one.out == "id                   c1\nname                 on-prem\n"
                     "downscale_backoff_s  900 (15m00s)\n");
    api.answer("DELETE", "/api/v1/autoscale-configs/{id}", 204, "");
    auto del = cli(api, {"configs", "delete", "c1"});
    CHECK(del.code == kExitOk);
    CHECK(del.out == "deleted autoscale config c1\n");
    CHECK(api.last().method == "DELETE");
}

TEST_CASE("explain prints reasons and numbers per config") {
    FakeApi api;
    api.answer("GET", "/api/v1/pools/{id}/decisions", 200,
               R"({"items":[{"seq":3,"at":"2024-05-01T10:00:00Z","plan":{"configs":[)"
               R"({"config_id":"c1","decision":{"config_id":"c1","action":"create","create":2,)"
               R"("delete":[],"reason":"headroom 1 < minimum 3",)"
               R"("numbers":{"headroom":1,"minimum":3}}},)"
               R"({"config_id":"c2","decision":{"config_id":"c2","action":"none","create":0,)"
               R"("delete":["srv-9"],"reason":"c1 covers it","numbers":{}}}]}}],)"
               R"("next_cursor":null})");
    auto r = cli(api, {"explain", "p1"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().target == "/api/v1/pools/p1/decisions?limit=1");
    CHECK(r.out ==
          "pool p1, decision at 2024-05-01T10:00:00Z\n"
          "config c1: create, create 2\n"
          "  reason: headroom 1 < minimum 3\n"
          "  numbers: headroom=1 minimum=3\n"
          "config c2: none, delete srv-9\n"
          "  reason: c1 covers it\n");
}

TEST_CASE("explain reads the stored plan: per-config decisions and the pool summary") {
    FakeApi api;
    api.answer("GET", "/api/v1/pools/{id}/decisions", 200,
               R"({"items":[{"at":"T","plan":{"pool_id":"p1","configs":[{"config_id":"c1",)"
               R"("create":1,"remove":[],"decision":{"config_id":"c1","action":"create",)"
               R"("code":"scale_up","create":1,"remove":[],"reason":"short by 2",)"
               R"("inputs":{"active":true},"server":{"headroom":1,"minimum":3}}}],)"
               R"("summary":{"queued":0,"reason":"pool short"}}}]})");
    auto r = cli(api, {"explain", "p1"});
    CHECK(r.out ==
          "pool p1, decision at T\n"
          "config c1: create (scale_up), create 1\n"
          "  reason: short by 2\n"
          "  inputs: active=true\n"
          "  server: headroom=1 minimum=3\n"
          "pool summary: pool short\n"
          "  numbers: queued=0\n");
    api.answer("GET", "/api/v1/pools/{id}/decisions", 200, R"({"items":[]})");
    CHECK(cli(api, {"explain", "p1"}).out == "no decisions recorded yet for pool p1\n");
}

TEST_CASE("plugin list and reload") {
    FakeApi api;
    std::string list =
        R"({"items":[{"file":"/plugins/libaws.so","id":"org.tidepool.aws","version":"1.2.0",)"
        R"("abi":"1.0","interfaces":["tidepool.vm_provider/1","tidepool.dns_provider/1"],)"
        R"("capabilities":["credentials"],"description":"AWS"}]})";
    api.answer("GET", "/api/v1/plugins", 200, list);
    auto r = cli(api, {"plugin", "list"});
    CHECK(r.out ==
          "ID                VERSION  ABI  INTERFACES                                      "
          "CAPABILITIES  FILE\n"
          "org.tidepool.aws  1.2.0    1.0  tidepool.vm_provider/1,tidepool.dns_provider/1  "
          "credentials   /plugins/libaws.so\n");
    api.answer("POST", "/api/v1/plugins/reload", 200, list);
    auto reload = cli(api, {"plugin", "reload"});
    CHECK(reload.code == kExitOk);
    CHECK(reload.out.rfind("plugins reloaded; 1 loaded\nID", 0) == 0);
    CHECK(api.last().method == "POST");
}
