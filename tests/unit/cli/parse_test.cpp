// Command-line parsing: globals anywhere, environment defaults, table-driven validation.
#include <doctest/doctest.h>

#include "cli/parse.h"
#include "cli_harness.h"

using namespace tidepool;
using namespace tidepool::cli;
using tidepool::cli::test::FakeWorld;

namespace {

Result<Invocation> parse(const std::vector<std::string>& args,
                         std::map<std::string, std::string> vars = {}) {
    FakeWorld world;
    world.vars = std::move(vars);
    return parse_command_line(args, world.environment());
}

std::string error_of(const std::vector<std::string>& args) {
    auto r = parse(args);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

}  // namespace

TEST_CASE("defaults come from the environment, flags win") {
    auto plain = parse({"status"});
    REQUIRE(plain.ok());
    CHECK(plain->global.url == "http://127.0.0.1:8470");
    CHECK_FALSE(plain->global.api_key.has_value());

    auto env = parse({"status"}, {{"TIDEPOOL_URL", "http://tp:1"}, {"TIDEPOOL_API_KEY", "k1"},
                                  {"TIDEPOOL_CA_FILE", "/ca.pem"}});
    REQUIRE(env.ok());
    CHECK(env->global.url == "http://tp:1");
    CHECK(env->global.api_key == "k1");
    CHECK(env->global.ca_cert == "/ca.pem");

    auto flags = parse({"--url=https://x:9", "status", "--api-key", "k2"},
                       {{"TIDEPOOL_URL", "http://tp:1"}, {"TIDEPOOL_API_KEY", "k1"}});
    REQUIRE(flags.ok());
    CHECK(flags->global.url == "https://x:9");
    CHECK(flags->global.api_key == "k2");

    auto empty = parse({"status"}, {{"TIDEPOOL_API_KEY", ""}});
    REQUIRE(empty.ok());
    CHECK_FALSE(empty->global.api_key.has_value());
}

TEST_CASE("global options are accepted before and after the command") {
    auto before = parse({"--json", "pools"});
    auto after = parse({"pools", "--json"});
    REQUIRE(before.ok());
    REQUIRE(after.ok());
    CHECK(before->global.json);
    CHECK(after->global.json);
    CHECK(after->command->name == "pools");
}

TEST_CASE("two-word commands win over their group's one-word command") {
    auto list = parse({"sessions", "--pool", "p1", "--state", "queued"});
    REQUIRE(list.ok());
    CHECK(list->command->name == "sessions");
    CHECK(list->options.at("--pool") == "p1");
    auto request = parse({"sessions", "request", "--pool=p1", "--user", "ann", "--wait", "2.5"});
    REQUIRE(request.ok());
    CHECK(request->command->name == "sessions request");
    CHECK(request->options.at("--wait") == "2.5");
    auto release = parse({"sessions", "release", "s-1"});
    REQUIRE(release.ok());
    CHECK(release->args == std::vector<std::string>{"s-1"});
    auto show_all = parse({"configs", "show"});
    REQUIRE(show_all.ok());
    CHECK(show_all->args.empty());
}

TEST_CASE("usage mistakes are explained") {
    CHECK(error_of({"frobnicate"}).find("unknown command \"frobnicate\"") != std::string::npos);
    CHECK(error_of({"configs", "nuke"}).find("configs apply, configs show, configs list, configs delete") !=
          std::string::npos);
    CHECK(error_of({"servers", "--color"}).find("unknown option --color") != std::string::npos);
    CHECK(error_of({"sessions", "request", "--user", "u"}).find("missing --pool ID") !=
          std::string::npos);
    CHECK(error_of({"sessions", "release"}).find("missing ID") != std::string::npos);
    CHECK(error_of({"explain", "p1", "p2"}).find("unexpected argument \"p2\"") !=
          std::string::npos);
    CHECK(error_of({"sessions", "request", "--pool", "p", "--user", "u", "--kind", "vm"})
              .find("use one of: desktop, app") != std::string::npos);
    CHECK(error_of({"sessions", "request", "--pool", "p", "--user", "u", "--priority", "high"})
              .find("whole number") != std::string::npos);
    CHECK(error_of({"sessions", "request", "--pool", "p", "--user", "u", "--wait", "-1"})
              .find("number of seconds") != std::string::npos);
    for (const char* bad : {"-1", "lots", "inf", "nan", ""})
        CHECK(error_of({"sessions", "request", "--pool", "p", "--user", "u", "--cores", bad})
                  .find("--cores \"" + std::string(bad) + "\" must be a number >= 0") !=
              std::string::npos);
    CHECK(error_of({"servers", "--pool"}).find("--pool needs a value") != std::string::npos);
    CHECK(error_of({"servers", "--pool", "a", "--pool", "b"}).find("given twice") !=
          std::string::npos);
    CHECK(error_of({"--url", "127.0.0.1:8470", "status"}).find("http:// or https://") !=
          std::string::npos);
    CHECK(error_of({"pools", "--json=yes"}).find("--json takes no value") != std::string::npos);
}

TEST_CASE("--help skips argument checks so every command can show its help") {
    auto r = parse({"sessions", "request", "--help"});
    REQUIRE(r.ok());
    CHECK(r->global.help);
    CHECK(r->command->name == "sessions request");
    auto group = parse({"plugin", "-h"});
    REQUIRE(group.ok());
    CHECK(group->group == "plugin");
}

TEST_CASE("-- ends options so odd ids can be passed") {
    auto r = parse({"sessions", "release", "--", "--weird-id"});
    REQUIRE(r.ok());
    CHECK(r->args == std::vector<std::string>{"--weird-id"});
}
