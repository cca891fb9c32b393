// A test host for the embedding API: an io_context on its own thread as the host's executor,
// an Engine on a temporary store with the build's sim plugin, and the events it heard.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tidepool/engine.h"

namespace tidepool::test {

// One pool "desktops" of servers holding one session each, on a sim cloud of `max_instances`
// machines that boot in one second; static RDP credentials. `sim_extra` adds members to the
// sim's config (",\"errors\": {...}").
inline std::string bundle(int max_instances, const std::string& cloud,
                          const std::string& sim_extra = {}) {
    return R"({
  "zones": [{"id": "z", "name": "zone", "upstream_auth_address": "127.0.0.1:8470"}],
  "pools": [{"id": "desktops", "name": "Desktops", "kind": "server"}],
  "provider_configs": [{"id": "sim", "name": "Sim", "kind": "vm",
    "plugin_id": "org.tidepool.sim",
    "config": {"cloud": ")" + cloud + R"(", "max_instances": )" +
           std::to_string(max_instances) + R"(,
               "boot_seconds": {"distribution": "fixed", "mean": 1})" + sim_extra + R"(}}],
  "autoscale_configs": [{"id": "desktops-sim", "name": "On demand", "pool_id": "desktops",
    "zone_id": "z", "vm_provider_id": "sim", "min_available_sessions": 0,
    "max_sessions_per_server": 1, "max_users_per_server": 1, "downscale_backoff_s": 600,
    "connection_type": "rdp", "connection_username": "ops", "connection_password": "s3cret",
    "connection_info": {"gateway": "gw.example.com"}}]
})";
}

class Host {
public:
    explicit Host(std::function<void(Options&)> tweak = {}) {
        static std::atomic<int> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("tp-engine-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
        thread_ = std::thread([this] { io_.run(); });
        Options o;
        o.store_path = dir_ / "tidepool.db";
        o.plugin_dirs = {TIDEPOOL_PLUGIN_DIR};
        o.executor = io_.get_executor();
        o.tick = std::chrono::milliseconds(100);
        o.worker_threads = 2;
        if (tweak) tweak(o);
        options = o;
    }
    ~Host() {
        engine.reset();
        work_.reset();
        thread_.join();
        std::filesystem::remove_all(dir_);
    }

    // Creates the engine and records every event it publishes.
    void start() {
        auto created = Engine::create(options);
        REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.error().message));
        engine = std::move(created.value());
        recorder_ = engine->subscribe([this](const EngineEvent& e) {
            std::lock_guard lock(mu_);
            events_.push_back(e);
            changed_.notify_all();
        });
    }

    // Waits (bounded, so a missing event fails instead of hanging) for an event matching pred.
    EngineEvent wait_for(const std::function<bool(const EngineEvent&)>& pred,
                         const char* what) {
        std::unique_lock lock(mu_);
        const EngineEvent* found = nullptr;
        bool ok = changed_.wait_for(lock, std::chrono::seconds(60), [&] {
            for (const auto& e : events_)
                if (pred(e)) return (found = &e), true;
            return false;
        });
        REQUIRE_MESSAGE(ok, "no " << what << " event arrived");
        return *found;
    }

    std::vector<EngineEvent> events() {
        std::lock_guard lock(mu_);
        return events_;
    }
    const std::filesystem::path& dir() const { return dir_; }

    Options options;
    std::unique_ptr<Engine> engine;

private:
    std::filesystem::path dir_;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
        io_.get_executor()};
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable changed_;
    std::vector<EngineEvent> events_;
    Subscription recorder_;
};

inline std::function<bool(const EngineEvent&)> kind_is(EngineEventKind kind,
                                                       const std::string& session = {}) {
    return [kind, session](const EngineEvent& e) {
        return e.kind == kind && (session.empty() || e.session == session);
    };
}

}  // namespace tidepool::test
