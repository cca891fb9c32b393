// bench_store: prints one "BENCH <name> <value>" line per figure on stdout (context on stderr).
//
//   store.durable_events_per_s     session state writes acknowledged durable per second (WAL,
//                                  synchronous=FULL) through the runtime's group commit
//                                  (Runtime::post_durable, the path the REST API and the
//                                  engine use); --producers threads keep --window writes each
//                                  in flight
//   store.group_commit_avg_batch   writes per commit during that run
//   store.unbatched_events_per_s   the same writes committed one by one, for comparison
//   store.cold_start_s             open a database of 1M sessions + 10k servers and load every
//                                  server and every non-ended session, with the file evicted
//                                  from the OS page cache first
//   store.warm_start_s             the same again, with the file in the OS page cache
//
// Usage: bench_store [--sessions N] [--servers N] [--events N] [--producers N] [--window N]
//                    [--dir PATH]
// The databases live in a fresh directory under --dir (default: the system temp dir) and are
// removed afterwards. Targets (not asserted): >= 50k durable events/s, cold start <= 5 s.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "runtime/runtime.h"
#include "store/store.h"
#include "support/no_providers.h"

namespace {

using namespace tidepool;
using namespace tidepool::store;
using Clock = std::chrono::steady_clock;

struct Settings {
    long sessions = 1'000'000;
    long servers = 10'000;
    long events = 200'000;
    long unbatched_events = 300;
    int producers = 4;
    int window = 256;  // writes each producer keeps in flight
    std::string dir = std::filesystem::temp_directory_path().string();
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void die(const std::string& what, const Error& e) {
    std::fprintf(stderr, "bench_store: %s: %s\n", what.c_str(), e.message.c_str());
    std::exit(1);
}

template <class T>
T must(Result<T> r, const char* what) {
    if (!r) die(what, r.error());
    return std::move(r).value();
}

void must(const Result<void>& r, const char* what) {
    if (!r) die(what, r.error());
}

std::unique_ptr<Store> open_at(const std::string& path) {
    SqliteOptions options;
    options.path = path;
    return must(open_sqlite_store(options), "open");
}

model::Session make_session(long i, long servers) {
    model::Session s;
    s.id = "ses-" + std::to_string(i);
    s.pool_id = "pool-" + std::to_string(i % 10);
    s.user = "user-" + std::to_string(i % 5000);
    s.server_id = "srv-" + std::to_string(i % servers);
    s.requested_at = model::from_unix(1'700'000'000 + i);
    // 95% history, 5% live: roughly what a long-running installation accumulates.
    const long bucket = i % 100;
    s.state = bucket < 95
                  ? model::SessionState::ended
                  : (bucket < 98 ? model::SessionState::placed : model::SessionState::queued);
    if (s.state == model::SessionState::queued) s.server_id.clear();
    return s;
}

model::Server make_server(long i) {
    model::Server s;
    s.id = "srv-" + std::to_string(i);
    s.pool_id = "pool-" + std::to_string(i % 10);
    s.name = "tp-" + s.id;
    s.state = model::MachineState::running;
    s.max_sessions = 8;
    s.max_users = 8;
    return s;
}

void create_pools(Store& store) {
    for (int p = 0; p < 10; ++p) {
        model::Pool pool;
        pool.id = "pool-" + std::to_string(p);
        must(store.put_pool(pool), "put_pool");
    }
}

// Writes are grouped in large transactions: this is setup, not the figure being measured.
void populate(Store& store, const Settings& s) {
    create_pools(store);
    must(store.transaction([&]() -> Result<void> {
        for (long i = 0; i < s.servers; ++i) must(store.put_server(make_server(i)), "put_server");
        return {};
    }),
         "servers");
    constexpr long kChunk = 50'000;
    for (long start = 0; start < s.sessions; start += kChunk) {
        must(store.transaction([&]() -> Result<void> {
            for (long i = start; i < std::min(start + kChunk, s.sessions); ++i) {
                must(store.put_session(make_session(i, s.servers)), "put_session");
            }
            return {};
        }),
             "sessions");
    }
}

// Each event moves one session to its next state, as the session API would.
model::Session next_state(long event, long live) {
    model::Session s = make_session(event % live, 1000);
    const long step = event / live;
    s.state = step % 2 == 0 ? model::SessionState::placed : model::SessionState::queued;
    s.placed_at = model::from_unix(1'700'000'000 + event);
    return s;
}

// Counts a producer's writes in flight, so it can wait for its window to drain.
class InFlight {
public:
    void add() {
        std::lock_guard lock(mu_);
        ++n_;
    }
    void done() {
        std::lock_guard lock(mu_);
        if (--n_ == 0) zero_.notify_all();
    }
    void wait_zero() {
        std::unique_lock lock(mu_);
        zero_.wait(lock, [&] { return n_ == 0; });
    }

private:
    std::mutex mu_;
    std::condition_variable zero_;
    long n_ = 0;
};

void produce(runtime::Runtime& rt, Store& store, const Settings& s, int p,
             std::atomic<long>& acknowledged, std::atomic<long>& failed) {
    InFlight in_flight;
    long sent = 0;
    for (long e = p; e < s.events; e += s.producers) {
        model::Session session = next_state(e, 20'000);
        in_flight.add();
        rt.post_durable([&store, session] { return store.put_session(session); },
                        [&](const Result<void>& r) {
                            ++(r ? acknowledged : failed);
                            in_flight.done();
                        });
        if (++sent % s.window == 0) in_flight.wait_zero();
    }
    in_flight.wait_zero();
}

void bench_group_commit(const Settings& s, const std::filesystem::path& dir) {
    auto store = open_at((dir / "events.sqlite").string());
    create_pools(*store);
    boost::asio::io_context io;
    auto guard = boost::asio::make_work_guard(io);
    std::thread strand_thread([&io] { io.run(); });
    std::atomic<long> acknowledged{0}, failed{0};
    runtime::Runtime::DurableStats stats;
    double elapsed = 0;
    {
        bench::NoProviders providers;
        runtime::Runtime rt(io, runtime::RuntimeOptions{}, *store, providers);  // never started
        const Clock::time_point start = Clock::now();
        std::vector<std::thread> producers;
        for (int p = 0; p < s.producers; ++p)
            producers.emplace_back([&, p] { produce(rt, *store, s, p, acknowledged, failed); });
        for (auto& t : producers) t.join();
        elapsed = seconds_since(start);
        stats = rt.durable_stats();
    }
    guard.reset();
    strand_thread.join();
    if (failed > 0) std::fprintf(stderr, "bench_store: %ld writes failed\n", failed.load());
    std::printf("BENCH store.durable_events_per_s %.0f\n", acknowledged / elapsed);
    std::printf("BENCH store.group_commit_avg_batch %.1f\n",
                static_cast<double>(stats.works) / static_cast<double>(stats.batches));
    std::fflush(stdout);
}

void bench_unbatched(const Settings& s, const std::filesystem::path& dir) {
    auto store = open_at((dir / "unbatched.sqlite").string());
    create_pools(*store);
    const Clock::time_point start = Clock::now();
    for (long e = 0; e < s.unbatched_events; ++e) {
        must(store->put_session(next_state(e, 20'000)), "put_session");
    }
    std::printf("BENCH store.unbatched_events_per_s %.0f\n",
                static_cast<double>(s.unbatched_events) / seconds_since(start));
    std::fflush(stdout);
}

// Drops the file's pages from the OS page cache, so "cold" includes reading it from disk.
void evict_from_page_cache(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

// Open + load every server and every live session, as tidepoold does at start.
double time_start(const std::string& path) {
    const Clock::time_point start = Clock::now();
    auto store = open_at(path);
    auto servers = must(store->list_servers({}), "list_servers");
    auto live = must(store->list_sessions(
                         {.states = {model::SessionState::queued, model::SessionState::placed}}),
                     "list_sessions");
    const double elapsed = seconds_since(start);
    std::fprintf(stderr, "bench_store: start loaded %zu servers, %zu live sessions\n",
                 servers.size(), live.size());
    return elapsed;
}

void bench_cold_start(const Settings& s, const std::filesystem::path& dir) {
    const std::string path = (dir / "cold.sqlite").string();
    const Clock::time_point fill = Clock::now();
    populate(*open_at(path), s);
    std::fprintf(stderr, "bench_store: created %ld sessions + %ld servers in %.1f s (%.0f MiB)\n",
                 s.sessions, s.servers, seconds_since(fill),
                 static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0));
    evict_from_page_cache(path);
    std::printf("BENCH store.cold_start_s %.3f\n", time_start(path));
    std::printf("BENCH store.warm_start_s %.3f\n", time_start(path));
    std::fflush(stdout);
}

Settings parse_args(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--sessions")
            s.sessions = std::atol(argv[i + 1]);
        else if (flag == "--servers")
            s.servers = std::atol(argv[i + 1]);
        else if (flag == "--events")
            s.events = std::atol(argv[i + 1]);
        else if (flag == "--producers")
            s.producers = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--window")
            s.window = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--dir")
            s.dir = argv[i + 1];
        else
            std::fprintf(stderr, "bench_store: ignoring unknown flag %s\n", flag.c_str());
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const Settings settings = parse_args(argc, argv);
    std::string pattern = (std::filesystem::path(settings.dir) / "tp-bench-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        std::fprintf(stderr, "bench_store: cannot create a directory under %s\n",
                     settings.dir.c_str());
        return 1;
    }
    const std::filesystem::path dir = pattern;
    bench_group_commit(settings, dir);
    bench_unbatched(settings, dir);
    bench_cold_start(settings, dir);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
