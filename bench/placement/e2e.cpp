// bench_placement's end-to-end run: the same churn as the core run, through SessionRegistry
// (ids and user names interned) plus an EventBus publish of session_placed to one subscriber
// that records it. See bench_placement.cpp for the figures.
//
// Each request's text (session id, user name) is written into two reused buffers before it is
// served, as a request parser hands it over: hot in cache. The harness remembers its placed
// sessions by number (8 MB), draws the next one to end an operation ahead and prefetches that
// number, so what it pays per operation is the draws and the formatting, printed as
// placement.e2e_harness_ns_per_op. (It used to keep 1M std::strings, 45 MB read at random,
// which cost two dependent cache misses per id the registry never causes.)
#include <charconv>
#include <cstring>
#include <string_view>

#include "placement/common.h"
#include "placement/session_registry.h"
#include "runtime/events.h"

namespace tidepool::bench {

namespace {

// One request's text: an id shaped like the runtime's ("ses-" + 12 hex time + 4 hex counter,
// "-" + 8 random) and a user name "user<n>@corp.example".
class RequestText {
public:
    void set_id(std::uint64_t n) {
        static constexpr char kDigits[] = "0123456789abcdef";
        for (int i = 19; i >= 4; --i, n >>= 4) id_[i] = kDigits[n & 0xf];
    }
    void set_user(std::uint64_t u) {
        char* end = std::to_chars(user_ + 4, user_ + sizeof user_, u).ptr;
        std::memcpy(end, kDomain, sizeof kDomain - 1);
        user_size_ = static_cast<std::size_t>(end - user_) + sizeof kDomain - 1;
    }
    std::string_view id() const { return {id_, sizeof id_}; }
    std::string_view user() const { return {user_, user_size_}; }

private:
    static constexpr char kDomain[] = "@corp.example";
    char id_[29] = {'s', 'e', 's', '-', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
                    '0', '0', '0', '0', '0', '-', '0', '0', '0', '0', '0', '0', '0', '0'};
    char user_[40] = {'u', 's', 'e', 'r'};
    std::size_t user_size_ = 4;
};

struct E2e {
    explicit E2e(const Settings& set) : registry(model::PlacementStrategy::breadth_first) {
        registry.reserve(static_cast<std::size_t>(set.servers),
                         static_cast<std::size_t>(set.users),
                         static_cast<std::size_t>(set.sessions));
        for (long i = 0; i < set.servers; ++i)
            registry.servers().set_available(
                registry.servers().add_server(server_id(i), per_server(set), per_server(set)),
                true);
        live.reserve(static_cast<std::size_t>(set.sessions));
        recorded.resize(1024);
        sub = bus.subscribe([this](const runtime::Event& e) {
            recorded[static_cast<std::size_t>(e.seq) % recorded.size()] = e.seq;
        });
    }
    // Places the request in `text`; false when no server can take it.
    bool place(const RequestText& text, model::SessionKind kind) {
        auto slot = registry.place(text.id(), text.user(), kind);
        if (!slot) return false;
        // One Event reused, as a publisher on the control strand would: assigning into its
        // strings keeps their buffers, and the bus copies into buffers it keeps too.
        event.kind = runtime::EventKind::session_placed;
        event.pool_id = "pool";
        event.session_id = text.id();
        event.machine_id = registry.servers().id_of(*slot);
        bus.publish(event);
        return true;
    }
    // Draws the next request into `text` under a fresh session number.
    std::uint64_t draw(RequestText& text, Lcg& rng, const Settings& set,
                       model::SessionKind& kind) {
        std::uint64_t number = next_id++;
        text.set_id(number);
        text.set_user(rng.below(static_cast<std::uint64_t>(set.users)));
        kind = kind_for(rng.next());
        return number;
    }
    placement::SessionRegistry registry;
    runtime::EventBus bus{4096};  // the runtime's default replay capacity
    runtime::Event event;
    runtime::Subscription sub;
    std::vector<std::uint64_t> live;  // the number of each placed session
    std::vector<std::int64_t> recorded;
    std::uint64_t next_id = 1;
};

void fill(E2e& e2e, const Settings& set, Lcg& rng, RequestText& text) {
    while (static_cast<long>(e2e.live.size()) < set.sessions) {
        model::SessionKind kind{};
        std::uint64_t number = e2e.draw(text, rng, set, kind);
        if (e2e.place(text, kind)) e2e.live.push_back(number);
    }
}

// The harness of the timed loop alone: the same draws, number reads and formatting, with no
// registry behind them. The sum keeps the compiler from dropping the work.
void bench_e2e_harness(E2e& e2e, const Settings& set) {
    Lcg rng;
    RequestText text;
    std::uint64_t sum = 0, next_id = e2e.next_id;
    std::size_t next_victim = rng.below(e2e.live.size());
    double cpu = thread_cpu_s();
    for (long i = 0; i < set.ops; ++i) {
        std::uint64_t number = e2e.live[next_victim];
        next_victim = rng.below(e2e.live.size());
        __builtin_prefetch(&e2e.live[next_victim]);
        text.set_id(number);
        sum += static_cast<unsigned char>(text.id()[19]);
        text.set_id(next_id++);
        text.set_user(rng.below(static_cast<std::uint64_t>(set.users)));
        sum += text.user().size() + static_cast<std::uint64_t>(kind_for(rng.next()));
    }
    double ns = (thread_cpu_s() - cpu) * 1e9 / static_cast<double>(set.ops);
    std::printf("BENCH placement.e2e_harness_ns_per_op %.1f\n", ns);
    std::fprintf(stderr, "e2e harness: checksum %llu\n", static_cast<unsigned long long>(sum));
}

}  // namespace

void bench_e2e(const Settings& set) {
    E2e e2e(set);
    Lcg rng;
    RequestText text;
    fill(e2e, set, rng, text);
    std::size_t next_victim = rng.below(e2e.live.size());
    auto churn = [&](std::vector<double>* samples) {
        std::uint64_t& number = e2e.live[next_victim];
        next_victim = rng.below(e2e.live.size());
        __builtin_prefetch(&e2e.live[next_victim]);
        text.set_id(number);
        (void)e2e.registry.end(text.id());
        for (;;) {  // a request that finds no room is drawn again, keeping the pool as full
            model::SessionKind kind{};
            std::uint64_t fresh = e2e.draw(text, rng, set, kind);
            auto t0 = samples ? Clock::now() : Clock::time_point{};
            bool ok = e2e.place(text, kind);
            if (samples) samples->push_back(since_ns(t0));
            if (!ok) continue;
            number = fresh;
            return;
        }
    };
    ChurnFigures figures = timed_churn("e2e", set.ops, churn);
    std::printf("BENCH placement.e2e_p99_us %.2f\n", figures.p99_us);
    std::printf("BENCH placement.e2e_allocs_per_op %.2f\n",
                static_cast<double>(figures.allocs) / static_cast<double>(set.ops));
    bench_e2e_harness(e2e, set);
    std::fprintf(stderr, "e2e: %zu sessions registered, %lld events published\n",
                 e2e.registry.size(), static_cast<long long>(e2e.bus.last_seq()));
}

}  // namespace tidepool::bench
