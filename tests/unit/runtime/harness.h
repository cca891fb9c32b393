// A runtime on a temporary SQLite store and a FakeGateway, with a clock the test moves.
#pragma once

#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>

#include "fake_gateway.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace tidepool::test {

class Harness {
public:
    explicit Harness(std::function<void(runtime::RuntimeOptions&)> tweak = {}) {
        dir_ = std::filesystem::temp_directory_path() /
               ("tp-runtime-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(dir_);
        store = std::move(store::open_sqlite_store({(dir_ / "t.db").string()}).value());
        runtime::RuntimeOptions o;
        o.clock = [this] { return model::from_unix(now_s.load()); };
        o.orphan_grace = std::chrono::seconds(60);
        o.worker_threads = 2;
        if (std::getenv("TP_TEST_LOG"))
            o.log = [](const std::string& l, const std::string& m) { fprintf(stderr, "%s %s\n", l.c_str(), m.c_str()); };
        if (tweak) tweak(o);
        rt = std::make_unique<runtime::Runtime>(io, o, *store, gateway);
    }
    ~Harness() {
        rt.reset();
        std::filesystem::remove_all(dir_);
    }

    // Runs fn on the strand and lets every provider call it caused finish.
    template <class Fn>
    void on_strand(Fn fn) {
        rt->post(std::move(fn));
        drain();
    }
    void tick() { on_strand([this] { rt->tick(); }); }
    void reconcile() { on_strand([this] { rt->reconcile(); }); }
    // Provider calls run on the worker pool and post back: run the strand until none is in
    // flight and nothing is left to run (no timing involved, so load cannot make it flaky).
    void drain() {
        for (;;) {
            io.restart();
            std::size_t ran = io.run_for(std::chrono::milliseconds(5));
            if (ran == 0 && rt->in_flight() == 0) {
                io.restart();
                if (io.poll() == 0 && rt->in_flight() == 0) return;
            }
        }
    }
    void advance(int seconds) { now_s += seconds; }

    // A server pool "p" with provider "pc" (max_instances) and autoscale config "c".
    model::AutoScaleConfig add_server_pool(int min_available, int max_instances = 5) {
        REQUIRE(store->put_pool({"p", "pool", model::PoolKind::server}).ok());
        model::ProviderConfig pc{"pc", "fake", model::ProviderKind::vm, "org.test.fake",
                                 "{\"max_instances\":" + std::to_string(max_instances) + "}",
                                 max_instances};
        REQUIRE(store->put_provider_config(pc).ok());
        model::AutoScaleConfig c;
        c.id = "c";
        c.pool_id = "p";
        c.vm_provider_id = "pc";
        c.min_available_sessions = min_available;
        c.max_sessions_per_server = 2;
        c.max_users_per_server = 2;
        c.downscale_backoff_s = 30;
        REQUIRE(store->put_autoscale_config(c).ok());
        return c;
    }

    std::vector<model::Server> servers(std::optional<model::MachineState> state = {}) {
        store::ServerFilter f;
        if (state) f.states.push_back(*state);
        return store->list_servers(f).value();
    }

    boost::asio::io_context io;
    FakeGateway gateway;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<runtime::Runtime> rt;
    std::atomic<std::int64_t> now_s{1'800'000'000};

private:
    static int& counter() {
        static int n = 0;
        return n;
    }
    std::filesystem::path dir_;
};

}  // namespace tidepool::test
