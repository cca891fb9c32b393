// Property: on random event sequences (seeded), PoolState::plan equals a full recompute of the
// same pool, for both pool kinds. The reference is a plain snapshot the test mutates itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "builders.h"
#include "planner/decision_json.h"
#include "planner/planner.h"
#include "planner/pool_state.h"

namespace tidepool::planner {
namespace {

using test::at;

class Generator {
public:
    Generator(std::uint64_t seed, PoolKind kind) : rng_(seed), kind_(kind) {}

    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool coin(int percent) { return pick(1, 100) <= percent; }
    double halves(int max_halves) { return pick(0, max_halves) / 2.0; }
    Resources resources(int max_halves) {
        return {halves(max_halves), coin(30) ? halves(2) : 0, halves(max_halves * 4)};
    }

    std::string config_id() {
        static const std::vector<std::string> kIds = {"", "onprem", "cloud", "burst", "gone"};
        return kIds[static_cast<std::size_t>(pick(0, 4))];
    }

    Config config(const std::string& id, std::int64_t now) {
        Config c;
        c.id = id;
        c.priority = pick(0, 2);
        c.active = coin(80);
        c.max_instances = pick(0, 8);
        c.provider_capacity_blocked = coin(15);
        c.downscale_backoff_s = pick(0, 3) * 100;
        if (coin(60)) c.last_scale_up_at = at(now - pick(0, 400));
        c.aggressive = coin(30);
        c.min_available_sessions = pick(0, 12);
        c.new_server_max_sessions = pick(0, 6);
        if (coin(50)) c.new_server_max_users = pick(0, 4);
        c.standby = resources(8);
        c.agent_instance = resources(8);
        if (coin(40)) c.agent_override.cores = halves(16);
        if (coin(20)) c.agent_override.gpus = halves(2);
        if (coin(30)) c.staging.push_back({"ws", pick(0, 6), resources(2), pick(0, 3)});
        return c;
    }

    Machine machine(int serial, std::int64_t now) {
        Machine m;
        m.id = "m" + std::to_string(serial);
        m.config_id = config_id();
        m.state = static_cast<MachineState>(pick(0, 4));
        m.max_sessions = pick(0, 6);
        if (coin(50)) m.max_users = pick(0, 4);
        m.active_sessions = coin(50) ? 0 : pick(0, 6);
        m.active_users = std::min(m.active_sessions, pick(0, 3));
        m.reported = resources(16);
        m.used = m.active_sessions > 0 ? resources(8) : Resources{};
        m.created_at = at(now - pick(0, 1000));
        if (coin(50)) m.last_session_end_at = at(now - pick(0, 500));
        return m;
    }

    QueuedRequest request(int serial, std::int64_t now) {
        QueuedRequest r = test::request("q" + std::to_string(serial), resources(4), now);
        r.priority_class = pick(0, 2);
        return r;
    }

    PoolKind kind() const { return kind_; }

private:
    std::mt19937_64 rng_;
    PoolKind kind_;
};

// The reference pool and the state under test, changed by the same events.
struct Pair {
    PoolSnapshot snap;
    PoolState state;

    explicit Pair(const PoolSnapshot& s) : snap(s), state(s) {}

    Machine* find(const std::string& id) {
        auto it = std::find_if(snap.machines.begin(), snap.machines.end(),
                               [&](const Machine& m) { return m.id == id; });
        return it == snap.machines.end() ? nullptr : &*it;
    }
};

PoolSnapshot initial(Generator& g, std::int64_t now, int& serial) {
    PoolSnapshot s;
    s.id = "prop";
    s.kind = g.kind();
    for (const char* id : {"onprem", "cloud", "burst"}) s.configs.push_back(g.config(id, now));
    for (int i = 0; i < 30; ++i) s.machines.push_back(g.machine(serial++, now));
    return s;
}

void machine_event(Generator& g, Pair& p, std::int64_t now, int& serial) {
    int what = g.pick(0, 5);
    if (what == 0 || p.snap.machines.empty()) {
        Machine m = g.machine(serial++, now);
        p.snap.machines.push_back(m);
        CHECK(p.state.add_machine(m));
        return;
    }
    std::size_t index = static_cast<std::size_t>(g.pick(0, int(p.snap.machines.size()) - 1));
    Machine& m = p.snap.machines[index];
    if (what == 1) {
        CHECK(p.state.remove_machine(m.id));
        p.snap.machines.erase(p.snap.machines.begin() + static_cast<std::ptrdiff_t>(index));
    } else if (what == 2) {
        m.state = static_cast<MachineState>(g.pick(0, 4));
        CHECK(p.state.set_machine_state(m.id, m.state));
    } else if (what == 3) {
        bool new_user = g.coin(50);
        Resources r = g.resources(4);
        ++m.active_sessions;
        m.active_users += new_user ? 1 : 0;
        m.used = {m.used.cores + r.cores, m.used.gpus + r.gpus, m.used.memory_gib + r.memory_gib};
        CHECK(p.state.session_started(m.id, new_user, r));
    } else if (what == 4) {
        bool user_left = g.coin(50);
        Resources r = g.resources(2);
        m.active_sessions = std::max(0, m.active_sessions - 1);
        m.active_users = std::max(0, m.active_users - (user_left ? 1 : 0));
        m.used = {m.used.cores - r.cores, m.used.gpus - r.gpus, m.used.memory_gib - r.memory_gib};
        m.last_session_end_at = at(now);
        CHECK(p.state.session_ended(m.id, user_left, at(now), r));
    } else {
        Machine fresh = g.machine(0, now);
        fresh.id = m.id;
        m = fresh;
        CHECK(p.state.update_machine(fresh));
    }
}

void queue_event(Generator& g, Pair& p, std::int64_t now, int& serial) {
    if (p.snap.queue.empty() || g.coin(55)) {
        QueuedRequest r = g.request(serial++, now);
        p.snap.queue.push_back(r);
        CHECK(p.state.queue_request(r));
        return;
    }
    std::size_t index = static_cast<std::size_t>(g.pick(0, int(p.snap.queue.size()) - 1));
    CHECK(p.state.dequeue_request(p.snap.queue[index].id));
    p.snap.queue.erase(p.snap.queue.begin() + static_cast<std::ptrdiff_t>(index));
}

void config_event(Generator& g, Pair& p, std::int64_t now) {
    std::vector<Config>& cs = p.snap.configs;
    if (g.coin(10) && !cs.empty()) {  // remove one: its machines become unmanaged
        std::size_t index = static_cast<std::size_t>(g.pick(0, int(cs.size()) - 1));
        CHECK(p.state.remove_config(cs[index].id));
        cs.erase(cs.begin() + static_cast<std::ptrdiff_t>(index));
        return;
    }
    static const std::vector<std::string> kIds = {"onprem", "cloud", "burst", "gone"};
    Config c = g.config(kIds[static_cast<std::size_t>(g.pick(0, 3))], now);
    auto it = std::find_if(cs.begin(), cs.end(), [&](const Config& x) { return x.id == c.id; });
    if (it != cs.end() && g.coin(70)) {
        // Mostly the cheap path: same priority and override, new flags and thresholds.
        c.priority = it->priority;
        c.agent_override = it->agent_override;
    }
    if (it == cs.end()) {
        cs.push_back(c);
    } else {
        *it = c;
    }
    p.state.update_config(c);
}

void run(std::uint64_t seed, PoolKind kind, int events, std::set<ReasonCode>& seen) {
    Generator g(seed, kind);
    std::int64_t now = 1'000'000;
    int serial = 0;
    Pair p(initial(g, now, serial));
    for (int i = 0; i < events; ++i) {
        int what = g.pick(0, 9);
        if (what < 6) {
            machine_event(g, p, now, serial);
        } else if (what < 8) {
            queue_event(g, p, now, serial);
        } else if (what == 8) {
            config_event(g, p, now);
        } else {
            now += g.pick(1, 120);
        }
        Plan incremental = p.state.plan(at(now));
        Plan full = plan(p.snap, at(now));
        for (const ConfigPlan& c : full.configs) seen.insert(c.decision.code);
        if (incremental != full) {
            INFO("seed " << seed << " event " << i);
            INFO("incremental: " << to_json(incremental));
            INFO("full:        " << to_json(full));
            REQUIRE(incremental == full);
        }
    }
    CHECK(p.state.snapshot().machines.size() == p.snap.machines.size());
}

TEST_CASE("incremental plan equals full recompute on random event sequences") {
    for (PoolKind kind : {PoolKind::kServer, PoolKind::kAgent}) {
        std::set<ReasonCode> seen;
        for (std::uint64_t seed = 1; seed <= 6; ++seed) run(seed, kind, 1500, seen);
        // The sequences must actually reach the interesting branches.
        CAPTURE(seen.size());
        CHECK(seen.count(ReasonCode::kScaleUp) == 1);
        CHECK(seen.count(ReasonCode::kScaleDown) == 1);
        CHECK(seen.count(ReasonCode::kAtMaxInstances) == 1);
        CHECK(seen.count(ReasonCode::kCapacityBlocked) == 1);
        CHECK(seen.count(ReasonCode::kInactive) == 1);
        CHECK(seen.count(ReasonCode::kPoolShort) == 1);
        CHECK(seen.count(ReasonCode::kUnsatisfiable) == 1);
    }
}

}  // namespace
}  // namespace tidepool::planner
