// tidepoold: the daemon. Wires the store, the plugins, the runtime and the REST API together;
// everything interesting lives in those modules.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "daemon/api_context.h"
#include "daemon/auth_guard.h"
#include "daemon/daemon_options.h"
#include "daemon/logging.h"
#include "daemon/daemon_plugins.h"
#include "engine/composition.h"
#include "http/server.h"

namespace fs = std::filesystem;
using namespace tidepool;

namespace {

constexpr const char* kVersion = "0.1.0";

int fail(const std::string& message) {
    std::cerr << "tidepoold: " << message << "\n";
    return 1;
}

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

Result<void> apply_file(engine::Composition& core, const std::string& path) {
    std::ifstream in(path);
    if (!in) return make_error(ErrorCode::invalid, "cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto applied = core.apply_bundle_text(text.str());
    if (!applied.ok()) {
        auto e = applied.error();
        e.message = path + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message;
        return e;
    }
    return {};
}

std::vector<std::string> default_plugin_dirs(const char* argv0) {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) exe = fs::absolute(argv0);
    return {(exe.parent_path().parent_path() / "plugins").string()};
}

struct Daemon {
    daemon::DaemonOptions options;
    boost::asio::io_context io;
    daemon::Logger logger;
    daemon::Readiness readiness;  // read by /readyz, so it outlives the server
    // Store, sealing key (<data dir>/sealing.key), service-token key and plugins.
    std::unique_ptr<engine::Composition> core;
    std::unique_ptr<auth::Authenticator> auth;
    std::unique_ptr<daemon::AuthGate> auth_gate;  // outlives the server, whose router calls it
    std::unique_ptr<runtime::Runtime> runtime;
    std::unique_ptr<http::HttpServer> server;
    std::unique_ptr<daemon::ApiContext> api;
    daemon::QueueWait queue_wait;
    runtime::Subscription queue_wait_feed;
};

Result<void> open_state(Daemon& d) {
    auto core = engine::Composition::open(
        {d.options.data_dir, {}, d.options.plugin_dirs, daemon::log_sink(d.logger)});
    if (!core.ok()) return core.error();
    d.core = std::move(core.value());
    // Composition::open has migrated the store and loaded the plugins.
    d.readiness.mark_store_ready();
    d.readiness.mark_plugins_loaded();
    auto authenticator = daemon::open_authenticator(d.core->store(), d.options.data_dir, d.logger);
    if (!authenticator.ok()) return authenticator.error();
    d.auth = std::move(authenticator.value());
    for (const auto& file : d.options.apply_files)
        if (auto r = apply_file(*d.core, file); !r.ok()) return r;
    return {};
}

Result<void> start_api(Daemon& d) {
    const auto& o = d.options;
    if (!is_loopback(o.listen_address) && o.tls_cert.empty()) {
        if (!o.allow_insecure_remote)
            return make_error(ErrorCode::invalid,
                              "refusing plain HTTP on non-loopback address " + o.listen_address +
                                  "; configure --tls-cert/--tls-key or pass " +
                                  "--allow-insecure-remote");
        d.logger.log("warn", "serving plain HTTP on " + o.listen_address +
                                 ": API keys and tokens cross the network in clear");
    }
    http::Router router;
    daemon::add_api_routes(router, *d.api);
    d.auth_gate = std::make_unique<daemon::AuthGate>(*d.auth, d.logger, d.io,
                                                     daemon::AuthGate::Options{});
    router.set_async_guard(d.auth_gate->guard());
    http::ServerOptions so;
    so.address = o.listen_address;
    so.port = o.listen_port;
    so.body_limit = o.body_limit;
    so.header_timeout = o.header_timeout;
    if (!o.tls_cert.empty()) so.tls = http::TlsFiles{o.tls_cert, o.tls_key};
    so.access_log = [&d](const http::AccessLogEntry& e) { d.logger.access(e); };
    d.server = std::make_unique<http::HttpServer>(d.io, std::move(router), so);
    return d.server->start();
}

// Replaced plugin versions stay loaded while a client still uses them; unload them once the
// runtime has let go (a reload drops the gateway's clients, calls in flight finish later).
void collect_retired_plugins(Daemon& d, boost::asio::steady_timer& timer) {
    timer.expires_after(std::chrono::seconds(10));
    timer.async_wait([&d, &timer](const boost::system::error_code& ec) {
        if (ec) return;
        d.runtime->post([&d] { d.core->plugins().collect_retired(); });
        collect_retired_plugins(d, timer);
    });
}

void watch_signals(Daemon& d, boost::asio::signal_set& signals) {
    signals.async_wait([&d, &signals](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        if (sig == SIGHUP) {
            d.runtime->post([&d] { d.core->plugins().reload(); });
            watch_signals(d, signals);
            return;
        }
        d.logger.log("info", "stopping on signal " + std::to_string(sig));
        d.runtime->stop();
        d.server->stop();
        d.io.stop();  // the timers' pending waits end with the io_context
    });
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = daemon::parse_daemon_options(argc, argv);
    if (!parsed.ok()) return fail(parsed.error().message);
    Daemon d;
    d.options = parsed.value();
    if (d.options.show_help) return std::cout << daemon::daemon_usage(), 0;
    if (d.options.show_version) return std::cout << "tidepoold " << kVersion << "\n", 0;
    if (d.options.plugin_dirs.empty()) d.options.plugin_dirs = default_plugin_dirs(argv[0]);
    if (auto r = open_state(d); !r.ok()) return fail(r.error().message);

    runtime::RuntimeOptions ro;
    ro.tick = d.options.tick;
    ro.worker_threads = d.options.worker_threads;
    ro.orphan_grace = d.options.orphan_grace;
    ro.reconcile_every_ticks = d.options.reconcile_every_ticks;
    d.runtime = d.core->make_runtime(d.io, ro);
    d.api = std::make_unique<daemon::ApiContext>(daemon::ApiContext{
        *d.runtime, d.core->plugins().gateway(), daemon::plugin_admin(d.core->plugins()),
        std::chrono::steady_clock::now(),
        kVersion, d.options.body_limit, &d.queue_wait, d.auth.get()});
    d.queue_wait_feed = d.queue_wait.attach(d.runtime->events());
    d.readiness.watch_reconcile([&d] { return d.runtime->reconciled_once(); });
    d.api->readiness = &d.readiness;
    // Connection descriptors carry credentials only for broker and admin keys.
    d.api->sees_credentials = [&d](const http::Request& req) {
        auto who = d.auth->authenticate(req.header("Authorization"));
        return who.ok() && who->role != auth::Role::read_only;
    };
    if (auto r = start_api(d); !r.ok()) return fail(r.error().message);
    std::string url = d.options.api_url;
    if (url.empty())
        url = std::string(d.options.tls_cert.empty() ? "http://" : "https://") +
              d.options.listen_address + ":" + std::to_string(d.server->port());
    d.runtime->set_api_url(url);
    d.logger.log("info", "tidepoold " + std::string(kVersion) + " listening on " + url);
    std::cout << "tidepoold listening on " << url << std::endl;

    boost::asio::signal_set signals(d.io, SIGINT, SIGTERM, SIGHUP);
    watch_signals(d, signals);
    boost::asio::steady_timer collector(d.io);
    collect_retired_plugins(d, collector);
    d.runtime->start();
    std::thread second([&d] { d.io.run(); });
    d.io.run();
    second.join();
    return 0;
}
