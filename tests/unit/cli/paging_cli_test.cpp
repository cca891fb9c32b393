// CLI list commands page through the API with next_cursor; the output holds every page.
#include <doctest/doctest.h>

#include "cli/exit_codes.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using namespace tidepool::cli::test;

namespace {

const char* kPage1 =
    R"({"items":[{"id":"a","name":"Zone A","upstream_auth_address":"10.0.0.1"}],"next_cursor":"61"})";
const char* kPage2 =
    R"({"items":[{"id":"b","name":"Zone B","upstream_auth_address":"10.0.0.2"}],"next_cursor":null})";

}  // namespace

TEST_CASE("list commands follow next_cursor to the last page") {
    FakeApi api;
    api.answer_sequence("GET", "/api/v1/zones", {{200, kPage1}, {200, kPage2}});
    auto r = run({"--url", api.url(), "zones"});
    CHECK(r.code == kExitOk);
    auto seen = api.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].target == "/api/v1/zones?limit=1000");
    CHECK(seen[1].target == "/api/v1/zones?limit=1000&cursor=61");
    CHECK(r.out ==
          "ID  NAME    UPSTREAM_AUTH_ADDRESS\n"
          "a   Zone A  10.0.0.1\n"
          "b   Zone B  10.0.0.2\n");
}

TEST_CASE("--json merges the pages into one items list") {
    FakeApi api;
    api.answer_sequence("GET", "/api/v1/zones", {{200, kPage1}, {200, kPage2}});
    auto r = run({"--url", api.url(), "--json", "zones"});
    CHECK(r.code == kExitOk);
    CHECK(r.out.find("\"id\": \"a\"") != std::string::npos);
    CHECK(r.out.find("\"id\": \"b\"") != std::string::npos);
    CHECK(r.out.find("next_cursor") == std::string::npos);
}

TEST_CASE("a failing page fails the command with the API's message") {
    FakeApi api;
    api.answer_sequence("GET", "/api/v1/zones",
                        {{200, kPage1},
                         {400, R"({"error":{"code":"invalid","message":"cursor is stale",)"
                               R"("field":"/query/cursor"}})"}});
    auto r = run({"--url", api.url(), "zones"});
    CHECK(r.code == kExitApiError);
    CHECK(r.err.find("cursor is stale") != std::string::npos);
}

TEST_CASE("providers filters by kind and shows max_instances, never secrets") {
    FakeApi api;
    api.answer("GET", "/api/v1/provider-configs", 200,
               R"({"items":[{"id":"aws","name":"AWS","kind":"vm","plugin_id":"org.tidepool.aws",)"
               R"("config":{"max_instances":8,"secret_key":"<redacted>"}}],"next_cursor":null})");
    auto r = run({"--url", api.url(), "providers", "--kind", "vm"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().target == "/api/v1/provider-configs?kind=vm&limit=1000");
    CHECK(r.out ==
          "ID   NAME  KIND  PLUGIN            MAX_INSTANCES\n"
          "aws  AWS   vm    org.tidepool.aws  8\n");
    CHECK(run({"--url", api.url(), "providers", "--kind", "cloud"}).code == kExitUsage);
}
