// API keys in the CLI: where the key comes from (flag, file, environment, ./data default),
// TLS options, and the key create/list/revoke commands against a fake tidepoold.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/exit_codes.h"
#include "cli/parse.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using namespace tidepool::cli::test;
namespace fs = std::filesystem;

namespace {

const std::string kKey = "key-0123456789abcdef." + std::string(64, 'a');

// A fresh directory per test process; `name` inside it holds `content`.
std::string key_file(const std::string& name, const std::string& content) {
    static const fs::path dir = [] {
        std::string pattern = (fs::temp_directory_path() / "tidepool-keys-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        return fs::path(pattern);
    }();
    const fs::path path = dir / name;
    std::ofstream(path) << content;
    return path.string();
}

std::optional<std::string> key_of(const std::vector<std::string>& args,
                                  std::map<std::string, std::string> vars = {}) {
    FakeWorld world;
    world.vars = std::move(vars);
    auto parsed = parse_command_line(args, world.environment());
    REQUIRE(parsed.ok());
    return parsed->global.api_key;
}

// Runs `fn` with the working directory set to `dir`.
template <class Fn>
void in_directory(const fs::path& dir, Fn fn) {
    const fs::path before = fs::current_path();
    fs::current_path(dir);
    fn();
    fs::current_path(before);
}

}  // namespace

TEST_CASE("the API key comes from the flag, the file, the environment, then ./data") {
    const std::string file = key_file("k1", "  " + kKey + "\n");
    const std::string other = key_file("k2", "key-ffffffffffffffff.x\n");
    CHECK(key_of({"status", "--api-key-file", file}) == kKey);  // whitespace trimmed
    CHECK(key_of({"--api-key", "flag", "status", "--api-key-file", file}) == "flag");
    CHECK(key_of({"status", "--api-key-file", file}, {{"TIDEPOOL_API_KEY", "env"}}) == kKey);
    CHECK(key_of({"status"}, {{"TIDEPOOL_API_KEY", "env"}, {"TIDEPOOL_API_KEY_FILE", other}}) ==
          "env");
    CHECK(key_of({"status"}, {{"TIDEPOOL_API_KEY_FILE", other}}) == "key-ffffffffffffffff.x");

    const fs::path home = fs::path(key_file("home-marker", "")).parent_path() / "home";
    fs::create_directories(home / "data");
    in_directory(home, [] { CHECK_FALSE(key_of({"status"}).has_value()); });
    std::ofstream(home / "data" / "admin-api-key") << kKey << "\n";
    in_directory(home, [] { CHECK(key_of({"status"}) == kKey); });
}

TEST_CASE("an unreadable or empty key file is a usage error naming it") {
    FakeWorld world;
    auto missing = run({"status", "--api-key-file", "/nonexistent/key"}, world);
    CHECK(missing.code == kExitUsage);
    CHECK(missing.err.find("cannot read the API key file \"/nonexistent/key\" (from "
                           "--api-key-file)") != std::string::npos);
    world.vars["TIDEPOOL_API_KEY_FILE"] = key_file("empty", "\n");
    auto empty = run({"status"}, world);
    CHECK(empty.code == kExitUsage);
    CHECK(empty.err.find("is empty") != std::string::npos);
    CHECK(run({"--help", "--api-key-file", "/nonexistent/key"}, world).code == kExitOk);
}

TEST_CASE("TLS options: --ca-file, TIDEPOOL_CA_FILE and --insecure") {
    FakeWorld world;
    world.vars["TIDEPOOL_CA_FILE"] = "/etc/ca.pem";
    auto env = parse_command_line({"status"}, world.environment());
    REQUIRE(env.ok());
    CHECK(env->global.ca_cert == "/etc/ca.pem");
    CHECK_FALSE(env->global.insecure);
    auto flags = parse_command_line({"--ca-file", "/x.pem", "status", "--insecure"},
                                    world.environment());
    REQUIRE(flags.ok());
    CHECK(flags->global.ca_cert == "/x.pem");
    CHECK(flags->global.insecure);
    CHECK_FALSE(parse_command_line({"--insecure=1", "status"}, world.environment()).ok());
}

TEST_CASE("key create posts the role and name and prints the key once") {
    FakeApi api;
    api.answer("POST", "/api/v1/keys", 201,
               R"({"id":"key-0123456789abcdef","name":"portal","role":"broker",)"
               R"("created_at":"2026-01-01T00:00:00Z","revoked_at":null,"key":")" + kKey + R"("})");
    auto r = run({"--url", api.url(), "--api-key", "admin", "key", "create", "--role", "broker",
                  "--name", "portal"});
    CHECK(r.code == kExitOk);
    CHECK(api.last().body == R"({"role":"broker","name":"portal"})");
    CHECK(api.last().authorization == "Bearer admin");
    CHECK(r.out.find("key         " + kKey) != std::string::npos);
    CHECK(r.err.find("not shown again") != std::string::npos);

    auto bad_role = run({"--url", api.url(), "key", "create", "--role", "root"});
    CHECK(bad_role.code == kExitUsage);
    CHECK(bad_role.err.find("admin, broker, read-only") != std::string::npos);
    CHECK(run({"--url", api.url(), "key", "create"}).code == kExitUsage);
}

TEST_CASE("key list prints a table without secrets; key revoke deletes by id") {
    FakeApi api;
    api.answer("GET", "/api/v1/keys", 200,
               R"({"items":[{"id":"key-0123456789abcdef","name":"bootstrap","role":"admin",)"
               R"("created_at":"2026-01-01T00:00:00Z","revoked_at":null},)"
               R"({"id":"key-1111111111111111","name":"","role":"read-only",)"
               R"("created_at":"2026-01-02T00:00:00Z","revoked_at":"2026-01-03T00:00:00Z"}]})");
    auto list = run({"--url", api.url(), "key", "list"});
    CHECK(list.code == kExitOk);
    CHECK(list.out ==
          "ID                    NAME       ROLE       CREATED               REVOKED\n"
          "key-0123456789abcdef  bootstrap  admin      2026-01-01T00:00:00Z  -\n"
          "key-1111111111111111             read-only  2026-01-02T00:00:00Z  "
          "2026-01-03T00:00:00Z\n");

    api.answer("DELETE", "/api/v1/keys/{id}", 200,
               R"({"id":"key-1111111111111111","name":"","role":"read-only",)"
               R"("created_at":"2026-01-02T00:00:00Z","revoked_at":"2026-01-03T00:00:00Z"})");
    auto revoke = run({"--url", api.url(), "key", "revoke", "key-1111111111111111"});
    CHECK(revoke.code == kExitOk);
    CHECK(api.last().method == "DELETE");
    CHECK(api.last().target == "/api/v1/keys/key-1111111111111111");
    CHECK(revoke.out == "revoked key-1111111111111111 at 2026-01-03T00:00:00Z\n");

    api.answer("DELETE", "/api/v1/keys/{id}", 409,
               R"({"error":{"code":"conflict","message":"API key k is the last active admin key"}})");
    auto refused = run({"--url", api.url(), "key", "revoke", "k"});
    CHECK(refused.code == kExitApiError);
    CHECK(refused.err == "tidepool: API key k is the last active admin key\n");
}
