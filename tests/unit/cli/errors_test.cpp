// Failures: one line on stderr, and the documented exit code for each kind.
#include <doctest/doctest.h>

#include "cli/exit_codes.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using namespace tidepool::cli::test;

namespace {

bool one_line(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

}  // namespace

TEST_CASE("an unreachable daemon exits 3 with advice") {
    std::string url = "http://127.0.0.1:" + std::to_string(closed_port());
    auto r = run({"--url", url, "status"});
    CHECK(r.code == kExitCannotConnect);
    CHECK(r.out.empty());
    CHECK(one_line(r.err));
    CHECK(r.err.rfind("tidepool: cannot reach tidepoold at " + url + ": ", 0) == 0);
    CHECK(r.err.find("; is it running? (set --url or TIDEPOOL_URL)\n") != std::string::npos);
}

TEST_CASE("API errors exit 1 with the API's message and field") {
    FakeApi api;
    api.answer("GET", "/api/v1/pools/{id}/decisions", 404,
               R"({"error":{"code":"not_found","message":"no pool \"p9\""}})");
    auto r = run({"--url", api.url(), "explain", "p9"});
    CHECK(r.code == kExitApiError);
    CHECK(r.err == "tidepool: no pool \"p9\"\n");

    api.answer("GET", "/api/v1/pools", 401,
               R"({"error":{"code":"unauthenticated","message":"missing API key"}})");
    auto unauth = run({"--url", api.url(), "pools"});
    CHECK(unauth.code == kExitApiError);
    CHECK(unauth.err == "tidepool: missing API key (set --api-key-file or TIDEPOOL_API_KEY)\n");

    api.answer("POST", "/api/v1/sessions", 400,
               R"({"error":{"code":"invalid","message":"bad\nmessage","field":"/user"}})");
    auto bad = run({"--url", api.url(), "sessions", "request", "--pool", "p", "--user", "u"});
    CHECK(bad.code == kExitApiError);
    CHECK(bad.err == "tidepool: bad message (field /user)\n");  // still one line
}

TEST_CASE("a wrong URL path or a non-JSON answer is reported, not crashed on") {
    FakeApi api;
    auto wrong = run({"--url", api.url() + "/nothing", "pools"});
    CHECK(wrong.code == kExitApiError);
    CHECK(one_line(wrong.err));
    api.answer("GET", "/api/v1/status", 200, "hello");
    auto text = run({"--url", api.url(), "status"});
    CHECK(text.code == kExitApiError);
    CHECK(text.err.find("not JSON") != std::string::npos);
    api.answer("GET", "/api/v1/pools", 200, "{}");
    auto shape = run({"--url", api.url(), "pools"});
    CHECK(shape.code == kExitApiError);
    CHECK(shape.err.find("no \"items\" list") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with one line") {
    auto r = run({"servers", "--bogus"});
    CHECK(r.code == kExitUsage);
    CHECK(one_line(r.err));
    CHECK(r.err.rfind("tidepool: unknown option --bogus", 0) == 0);
}

TEST_CASE("plugin check runs locally and exits 4 when the check fails") {
    FakeWorld world;
    std::string seen_path;
    std::optional<std::string> seen_config;
    int verdict = 1;
    world.checker = [&](const std::string& path, const std::optional<std::string>& config,
                        std::ostream& out) {
        seen_path = path;
        seen_config = config;
        out << "FAIL load: missing tidepool_entry_v1\n";
        return verdict;
    };
    std::string plugin = TIDEPOOL_COMPLETION_SCRIPT;  // any readable file stands in for a .so
    auto failed = run({"--url", "http://127.0.0.1:1", "plugin", "check", plugin}, world);
    CHECK(failed.code == kExitCheckFailed);
    CHECK(seen_path == plugin);
    CHECK_FALSE(seen_config.has_value());
    CHECK(failed.out == "FAIL load: missing tidepool_entry_v1\n");
    CHECK(failed.err == "tidepool: " + plugin + " failed the conformance check\n");

    verdict = 0;
    auto passed = run({"plugin", "check", plugin, "--config", plugin}, world);
    CHECK(passed.code == kExitOk);
    REQUIRE(seen_config.has_value());
    CHECK(seen_config->find("_tidepool()") != std::string::npos);  // the file's content

    auto missing = run({"plugin", "check", "/nonexistent/libx.so"}, world);
    CHECK(missing.code == kExitApiError);
    CHECK(missing.err == "tidepool: cannot read /nonexistent/libx.so\n");
}
