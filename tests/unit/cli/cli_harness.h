// Test support: run the CLI in-process with a fake environment (variables, clock, sleep,
// plugin checker), and a fake tidepoold built on tp_http that records what it was asked.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "../http/test_server.h"
#include "cli/command.h"
#include "http/router.h"

namespace tidepool::cli::test {

struct CliResult {
    int code = -1;
    std::string out;
    std::string err;
};

// A fake clock that only moves when the CLI sleeps, so --wait is tested without real time.
struct FakeWorld {
    std::map<std::string, std::string> vars;
    std::chrono::steady_clock::time_point now{};
    int sleeps = 0;
    PluginChecker checker;

    Environment environment();
};

CliResult run(const std::vector<std::string>& args, FakeWorld& world);
CliResult run(const std::vector<std::string>& args);

struct SeenRequest {
    std::string method;
    std::string target;
    std::string body;
    std::string authorization;
    std::string content_type;
};

// Canned routes answering with the API's JSON shapes; records every request.
class FakeApi {
public:
    FakeApi();
    // Replaces the canned answer for (method, pattern); `status` and `body` are sent as is.
    void answer(const std::string& method, const std::string& pattern, int status,
                std::string body);
    // Answers successive calls with successive bodies (the last one repeats).
    void answer_sequence(const std::string& method, const std::string& pattern,
                         std::vector<std::pair<int, std::string>> replies);
    std::string url() const;
    std::vector<SeenRequest> seen() const;
    SeenRequest last() const;

private:
    http::Router router();
    struct Canned {
        std::vector<std::pair<int, std::string>> replies;
        std::size_t next = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Canned> canned_;  // "GET /api/v1/pools"
    std::vector<SeenRequest> seen_;
    std::unique_ptr<http::test::TestServer> server_;
};

// A local port with nothing listening (bound once, then released).
std::uint16_t closed_port();

}  // namespace tidepool::cli::test
