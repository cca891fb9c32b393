// bench_requests: prints one "BENCH <name> <value>" line per figure on stdout (context on
// stderr). Acknowledged session requests through the runtime, as the REST API and the
// embedding Engine make them: each is placed on the pool's index, written, and answered only
// once its transaction is on disk (SQLite WAL, synchronous=FULL; Runtime::post_durable).
//
//   requests.first_request_s  the first request and its release, which build the pool's
//                             placement index from the store (--servers + --placed rows)
//   requests.serial_per_s     one caller, each request waiting for its answer before the next:
//                             every request pays a whole sync (what the path cost before group
//                             commit, whatever the load)
//   requests.durable_per_s    --clients callers at once, each requesting a session and ending
//                             it again; both are acknowledged writes and both count
//   requests.avg_batch        acknowledged writes per commit during that run
//   requests.p99_ms           99th percentile of one acknowledged write, caller's view
//
// The pool holds --servers running servers (30 sessions each) and --placed sessions placed
// before the clock starts, so decisions run against a realistic index, not an empty one.
// Usage: bench_requests [--servers N] [--placed N] [--clients N] [--ops N] [--dir PATH]
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/no_providers.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace {

using namespace tidepool;
using Clock = std::chrono::steady_clock;

struct Settings {
    long servers = 10'000;
    long placed = 200'000;
    int clients = 64;
    long ops = 40'000;  // acknowledged writes in the concurrent run
    long serial_ops = 200;
    std::string dir = std::filesystem::temp_directory_path().string();
};

[[noreturn]] void die(const std::string& what, const Error& e) {
    std::fprintf(stderr, "bench_requests: %s: %s\n", what.c_str(), e.message.c_str());
    std::exit(1);
}

void must(const Result<void>& r, const char* what) {
    if (!r) die(what, r.error());
}

model::Server make_server(long i) {
    char id[32];
    std::snprintf(id, sizeof id, "srv-%08lx", i);
    model::Server s;
    s.id = id;
    s.pool_id = "pool";
    s.name = s.id;
    s.state = model::MachineState::running;
    s.max_sessions = 30;
    s.max_users = 30;
    return s;
}

// Setup in large transactions: this is not the figure being measured.
void populate(store::Store& store, const Settings& set) {
    model::Pool pool;
    pool.id = "pool";
    pool.kind = model::PoolKind::server;
    must(store.put_pool(pool), "put_pool");
    must(store.transaction([&]() -> Result<void> {
             for (long i = 0; i < set.servers; ++i) must(store.put_server(make_server(i)), "server");
             for (long i = 0; i < set.placed; ++i) {
                 model::Session s;
                 s.id = "ses-pre-" + std::to_string(i);
                 s.pool_id = "pool";
                 s.user = "pre-user-" + std::to_string(i);
                 s.kind = model::SessionKind::app;
                 s.state = model::SessionState::placed;
                 s.server_id = make_server(i % set.servers).id;
                 must(store.put_session(s), "session");
             }
             return {};
         }),
         "populate");
}

// Runs one acknowledged write through the group commit and waits for its answer.
template <class Work>
Result<void> acknowledged(runtime::Runtime& rt, Work work) {
    std::promise<Result<void>> answer;
    auto future = answer.get_future();
    rt.post_durable(std::move(work), [&answer](const Result<void>& r) { answer.set_value(r); });
    return future.get();
}

// One client's loop: request a session, end it, repeat; each call timed as the caller sees it.
void client(runtime::Runtime& rt, int n, long writes, std::vector<double>& latencies_ms) {
    for (long i = 0; i < writes / 2; ++i) {
        std::string id;
        auto t0 = Clock::now();
        must(acknowledged(rt, [&]() -> Result<void> {
                 auto v = rt.request_session({"pool", "client-" + std::to_string(n) + "-" +
                                                          std::to_string(i % 7)});
                 if (!v.ok()) return v.error();
                 id = v->session.id;
                 return {};
             }),
             "request");
        auto t1 = Clock::now();
        must(acknowledged(rt, [&] { return rt.release_session(id); }), "release");
        auto t2 = Clock::now();
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    }
}

void run(runtime::Runtime& rt, const Settings& set) {
    // The first request builds the pool's index from the store; timed on its own.
    std::vector<double> serial;
    auto start = Clock::now();
    client(rt, -2, 2, serial);
    std::printf("BENCH requests.first_request_s %.3f\n",
                std::chrono::duration<double>(Clock::now() - start).count());
    serial.clear();
    start = Clock::now();
    client(rt, -1, set.serial_ops, serial);
    double serial_s = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("BENCH requests.serial_per_s %.0f\n", static_cast<double>(set.serial_ops) / serial_s);

    auto before = rt.durable_stats();
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(set.clients));
    std::vector<std::thread> threads;
    start = Clock::now();
    for (int c = 0; c < set.clients; ++c)
        threads.emplace_back(client, std::ref(rt), c, set.ops / set.clients,
                             std::ref(latencies[static_cast<std::size_t>(c)]));
    for (auto& t : threads) t.join();
    double took = std::chrono::duration<double>(Clock::now() - start).count();
    auto after = rt.durable_stats();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    double works = static_cast<double>(after.works - before.works);
    std::printf("BENCH requests.durable_per_s %.0f\n", works / took);
    std::printf("BENCH requests.avg_batch %.1f\n",
                works / static_cast<double>(after.batches - before.batches));
    std::printf("BENCH requests.p99_ms %.2f\n", all[all.size() * 99 / 100]);
    std::fprintf(stderr, "requests: %d clients, %.0f acknowledged writes in %.2f s\n",
                 set.clients, works, took);
}

Settings parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--dir") == 0) {
            s.dir = argv[i + 1];
            continue;
        }
        long v = std::atol(argv[i + 1]);
        if (std::strcmp(argv[i], "--servers") == 0) s.servers = std::max(1L, v);
        else if (std::strcmp(argv[i], "--placed") == 0) s.placed = v;
        else if (std::strcmp(argv[i], "--clients") == 0) s.clients = static_cast<int>(std::max(1L, v));
        else if (std::strcmp(argv[i], "--ops") == 0) s.ops = v;
        else {
            std::fprintf(stderr, "bench_requests: unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    Settings set = parse(argc, argv);
    auto dir = std::filesystem::path(set.dir) / ("tp-bench-requests-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        auto store = store::open_sqlite_store({(dir / "bench.db").string()});
        if (!store) die("open", store.error());
        populate(*store.value(), set);
        boost::asio::io_context io;
        auto guard = boost::asio::make_work_guard(io);
        std::thread strand_thread([&io] { io.run(); });
        bench::NoProviders providers;
        {
            runtime::Runtime rt(io, runtime::RuntimeOptions{}, *store.value(), providers);
            run(rt, set);  // never started: no ticks or reconciliation compete with requests
        }
        guard.reset();
        strand_thread.join();
    }
    std::filesystem::remove_all(dir);
    return 0;
}
