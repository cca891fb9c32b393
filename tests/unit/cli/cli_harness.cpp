#include "cli_harness.h"

#include <sstream>

#include <boost/asio/ip/tcp.hpp>

#include "cli/run.h"

namespace tidepool::cli::test {

Environment FakeWorld::environment() {
    Environment env;
    env.get_env = [this](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
    env.sleep = [this](std::chrono::milliseconds d) {
        now += d;
        ++sleeps;
    };
    env.now = [this] { return now; };
    env.check_plugin = checker;
    return env;
}

CliResult run(const std::vector<std::string>& args, FakeWorld& world) {
    Environment env = world.environment();
    std::ostringstream out, err;
    CliResult r;
    r.code = run_cli(args, env, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

CliResult run(const std::vector<std::string>& args) {
    FakeWorld world;
    return run(args, world);
}

namespace {

const std::vector<std::pair<std::string, std::string>> kRoutes = {
    {"GET", "/api/v1/status"},
    {"GET", "/api/v1/pools"},
    {"GET", "/api/v1/zones"},
    {"GET", "/api/v1/provider-configs"},
    {"GET", "/api/v1/servers"},
    {"GET", "/api/v1/sessions"},
    {"POST", "/api/v1/sessions"},
    {"GET", "/api/v1/sessions/{id}"},
    {"DELETE", "/api/v1/sessions/{id}"},
    {"POST", "/api/v1/apply"},
    {"GET", "/api/v1/autoscale-configs"},
    {"GET", "/api/v1/autoscale-configs/{id}"},
    {"DELETE", "/api/v1/autoscale-configs/{id}"},
    {"GET", "/api/v1/pools/{id}/decisions"},
    {"GET", "/api/v1/plugins"},
    {"POST", "/api/v1/plugins/reload"},
    {"POST", "/api/v1/keys"},
    {"GET", "/api/v1/keys"},
    {"DELETE", "/api/v1/keys/{id}"},
};

}  // namespace

FakeApi::FakeApi() {
    for (const auto& [method, pattern] : kRoutes) answer(method, pattern, 200, "{\"items\":[]}");
    server_ = std::make_unique<http::test::TestServer>(router());
}

http::Router FakeApi::router() {
    http::Router r;
    for (const auto& [method, pattern] : kRoutes) {
        std::string key = method + " " + pattern;
        r.add_sync(method, pattern, [this, key](const http::Request& req) {
            std::lock_guard lock(mutex_);
            seen_.push_back({req.method, req.target, req.body,
                             std::string(req.header("Authorization").value_or("")),
                             std::string(req.header("Content-Type").value_or(""))});
            auto& canned = canned_[key];
            auto& reply = canned.replies[std::min(canned.next, canned.replies.size() - 1)];
            ++canned.next;
            http::Response resp = http::json_response(reply.first, reply.second);
            return resp;
        });
    }
    return r;
}

void FakeApi::answer(const std::string& method, const std::string& pattern, int status,
                     std::string body) {
    answer_sequence(method, pattern, {{status, std::move(body)}});
}

void FakeApi::answer_sequence(const std::string& method, const std::string& pattern,
                              std::vector<std::pair<int, std::string>> replies) {
    std::lock_guard lock(mutex_);
    canned_[method + " " + pattern] = Canned{std::move(replies), 0};
}

std::string FakeApi::url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

std::vector<SeenRequest> FakeApi::seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
}

SeenRequest FakeApi::last() const {
    std::lock_guard lock(mutex_);
    return seen_.empty() ? SeenRequest{} : seen_.back();
}

std::uint16_t closed_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(
        ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

}  // namespace tidepool::cli::test
