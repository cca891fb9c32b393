// bench_placement: prints one "BENCH <name> <value>" line per figure on stdout.
//
// Method: a breadth-first pool of --servers servers (default 10k) is filled with --sessions
// sessions (default 1M; users = 40% of sessions, a quarter of sessions are desktops) so that it
// is ~80% full, then --ops operations (default 2M) of churn are timed after a warm-up of a tenth
// as many: each operation ends a random placed session and places a new one for a random user.
// A session that finds no room puts the ended one back, so the pool stays equally full.
// Allocations are counted by replacing the global operator new for this program.
//
//   placement.decisions_per_s    core churn on ServerPoolIndex (end + choose + place), one
//                                thread, wall clock
//   placement.p99_us             99th percentile of one choose + place, timed one by one
//   placement.steady_allocs      heap allocations during the timed core run (target 0)
//   placement.e2e_per_s          the same churn through SessionRegistry (session ids shaped like
//                                the runtime's, user names interned) plus an EventBus publish of
//                                session_placed to one subscriber that records it; the publisher
//                                reuses one Event, as the runtime's strand can
//   placement.e2e_p99_us         99th percentile of one registry place + event publish
//   placement.e2e_allocs_per_op  heap allocations per e2e operation (what remains: the first
//                                sighting of a user name, interned once and kept)
//   placement.e2e_harness_ns_per_op  CPU ns per operation of the e2e run's own work: its draws,
//                                the read of the next victim's number and the formatting of
//                                the request's id and user name (see e2e.cpp); an upper bound,
//                                as alone the loop is too short for its prefetch to hide a miss
//   placement.*_per_cpu_s        the same rates over the benchmark thread's CPU time: on a
//                                machine shared with builds the wall-clock rate measures the
//                                neighbours as much as the code, so both are printed
//   placement.harness_ns_per_op  CPU ns per operation of the core run's own work with no index
//                                behind it: the three draws and the read and rewrite of a random
//                                victim in the 12 MB array of held sessions. That array is the
//                                harness's bookkeeping (the runtime learns which session ended
//                                from the request), so the victim is drawn an operation ahead
//                                and its record prefetched: its miss is not the index's cost.
//                                The index's own data is never prefetched for it.
//
// Usage: bench_placement [--servers N] [--sessions N] [--ops N]
// Targets on 2 cores (not asserted): >= 2M/s core, >= 500k/s end to end, p99 <= 5 us.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "placement/common.h"
#include "placement/server_index.h"

namespace {
std::atomic<long> g_allocs{0};
}  // namespace

// Counts every allocation so the benchmark can prove the steady state allocates nothing.
void* operator new(std::size_t n) {
    g_allocs.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

long tidepool::bench::allocations() { return g_allocs.load(); }

namespace {

using namespace tidepool;
using namespace tidepool::bench;
using model::SessionKind;

struct Held {
    placement::Slot slot;
    placement::UserKey user;
    SessionKind kind;
};

// The harness's draws for one operation: the session to end next (drawn an operation ahead,
// its record prefetched) and the new request.
struct Draws {
    Lcg rng;
    std::size_t next_victim = 0;
    Held* take_victim(std::vector<Held>& held) {
        Held* h = &held[next_victim];
        next_victim = rng.below(held.size());
        __builtin_prefetch(&held[next_victim]);
        return h;
    }
    placement::UserKey user(const Settings& set) {
        return static_cast<placement::UserKey>(rng.below(static_cast<std::uint64_t>(set.users)));
    }
};

// The core run's harness alone (see the header): the same draws, the same random victim read
// and rewritten, nothing placed. The sum keeps the compiler from dropping the reads.
void bench_harness(const Settings& set) {
    Draws d;
    std::vector<Held> held(static_cast<std::size_t>(set.sessions));
    for (Held& h : held)
        h = {static_cast<placement::Slot>(d.rng.below(static_cast<std::uint64_t>(set.servers))),
             d.user(set), kind_for(d.rng.next())};
    std::uint64_t sum = 0;
    double cpu = thread_cpu_s();
    for (long i = 0; i < set.ops; ++i) {
        Held& h = *d.take_victim(held);
        sum += h.slot + h.user;
        auto user = d.user(set);
        h = Held{h.slot, user, kind_for(d.rng.next())};
    }
    double ns = (thread_cpu_s() - cpu) * 1e9 / static_cast<double>(set.ops);
    std::printf("BENCH placement.harness_ns_per_op %.1f\n", ns);
    std::fprintf(stderr, "harness: checksum %llu\n", static_cast<unsigned long long>(sum));
}

void fill(placement::ServerPoolIndex& index, std::vector<Held>& held, const Settings& set,
          Draws& d) {
    held.reserve(static_cast<std::size_t>(set.sessions));
    while (static_cast<long>(held.size()) < set.sessions) {
        auto user = d.user(set);
        SessionKind kind = kind_for(d.rng.next());
        if (auto slot = index.choose(user, kind)) {
            index.place(*slot, user, kind);
            held.push_back({*slot, user, kind});
        }
    }
}

void bench_core(const Settings& set) {
    placement::ServerPoolIndex index(model::PlacementStrategy::breadth_first);
    index.reserve(static_cast<std::size_t>(set.servers), static_cast<std::size_t>(set.users),
                  static_cast<std::size_t>(set.sessions));
    for (long i = 0; i < set.servers; ++i)
        index.set_available(index.add_server(server_id(i), per_server(set), per_server(set)),
                            true);
    Draws d;
    std::vector<Held> held;
    fill(index, held, set, d);
    d.next_victim = d.rng.below(held.size());
    auto churn = [&](std::vector<double>* samples) {
        Held& h = *d.take_victim(held);
        index.end(h.slot, h.user, h.kind);
        auto user = d.user(set);
        SessionKind kind = kind_for(d.rng.next());
        auto t0 = samples ? Clock::now() : Clock::time_point{};
        auto slot = index.choose(user, kind);
        if (slot) index.place(*slot, user, kind);
        if (samples) samples->push_back(since_ns(t0));
        if (slot) h = Held{*slot, user, kind};
        else index.place(h.slot, h.user, h.kind);  // keep the session count steady
    };
    ChurnFigures figures = timed_churn("decisions", set.ops, churn);
    std::printf("BENCH placement.p99_us %.2f\n", figures.p99_us);
    std::printf("BENCH placement.steady_allocs %ld\n", figures.allocs);
    std::fprintf(stderr, "core: %ld servers, %ld sessions, pool headroom %lld\n", set.servers,
                 set.sessions, static_cast<long long>(index.pool_headroom()));
}

Settings parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i + 1 < argc; i += 2) {
        long v = std::atol(argv[i + 1]);
        if (std::strcmp(argv[i], "--servers") == 0) s.servers = v;
        else if (std::strcmp(argv[i], "--sessions") == 0) s.sessions = v;
        else if (std::strcmp(argv[i], "--ops") == 0) s.ops = v;
        else {
            std::fprintf(stderr, "usage: bench_placement [--servers N] [--sessions N] [--ops N]\n");
            std::exit(2);
        }
    }
    s.users = std::max(1L, s.sessions * 2 / 5);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    Settings set = parse(argc, argv);
    bench_core(set);
    bench_harness(set);
    tidepool::bench::bench_e2e(set);
    return 0;
}
