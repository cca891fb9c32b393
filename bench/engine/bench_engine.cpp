// bench_engine: the embedding API's call cost, through libtidepool.so like a host.
//   BENCH engine.call_round_trip_p50_us  session() of an unknown id: post to the control
//   BENCH engine.call_round_trip_p99_us  strand, one indexed store read, wake the caller
//   BENCH engine.requests_per_s          request_session() that queues: a durable store write,
//                                        plus the queue position (which reads the pool's queue)
// The planner ticks once at start and then not again during the run, so only the calls are
// measured. Usage: bench_engine [N] (default 500 requests, 20 x N lookups).
#include <boost/asio/io_context.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tidepool/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* const kBundle = R"({
  "zones": [{"id": "z", "name": "zone", "upstream_auth_address": "127.0.0.1:8470"}],
  "pools": [{"id": "p", "name": "pool", "kind": "server"}],
  "provider_configs": [{"id": "sim", "name": "sim", "kind": "vm",
    "plugin_id": "org.tidepool.sim", "config": {"max_instances": 1000}}],
  "autoscale_configs": [{"id": "c", "name": "c", "pool_id": "p", "zone_id": "z",
    "vm_provider_id": "sim", "min_available_sessions": 0, "max_sessions_per_server": 1,
    "max_users_per_server": 1, "downscale_backoff_s": 600}]
})";

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

int fail(const std::string& what, const tidepool::Error& e) {
    std::fprintf(stderr, "bench_engine: %s: %s %s\n", what.c_str(), e.field.c_str(),
                 e.message.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
    auto dir = std::filesystem::temp_directory_path() /
               ("tp-bench-engine-" + std::to_string(::getpid()));
    boost::asio::io_context io;
    tidepool::Options o;
    o.store_path = dir / "tidepool.db";
    o.plugin_dirs = {TIDEPOOL_PLUGIN_DIR};
    o.executor = io.get_executor();
    o.tick = std::chrono::hours(1);
    auto engine = tidepool::Engine::create(o);
    if (!engine.ok()) return fail("create", engine.error());
    auto& e = *engine.value();
    if (auto r = e.apply_config(kBundle); !r.ok()) return fail("apply", r.error());

    auto started = Clock::now();
    for (int i = 0; i < n; ++i) {
        auto s = e.request_session({"p", "user" + std::to_string(i),
                                    tidepool::SessionKind::desktop, 0});
        if (!s.ok()) return fail("request", s.error());
    }
    double request_s = std::chrono::duration<double>(Clock::now() - started).count();

    std::vector<double> round_trip_us;
    for (int i = 0; i < 20 * n; ++i) {
        auto t0 = Clock::now();
        auto s = e.session("ses-unknown");
        round_trip_us.push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        if (s.ok() || s.error().code != tidepool::ErrorCode::not_found)
            return fail("session", s.ok() ? tidepool::Error{} : s.error());
    }
    engine.value().reset();
    std::filesystem::remove_all(dir);
    std::printf("BENCH engine.call_round_trip_p50_us %.1f\n", percentile(round_trip_us, 0.50));
    std::printf("BENCH engine.call_round_trip_p99_us %.1f\n", percentile(round_trip_us, 0.99));
    std::printf("BENCH engine.requests_per_s %.0f\n", n / request_s);
    return 0;
}
