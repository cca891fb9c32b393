// The state of one simulated run (internal to engine.cpp and planner_tick.cpp): servers, the
// placement index, waiting requests and pending events.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <vector>

#include "placement/server_index.h"
#include "planner/plan.h"
#include "planner/snapshot.h"
#include "prng.h"
#include "simulate/engine.h"

namespace tidepool::simulate {

enum class EventKind : std::uint8_t { kSessionEnd = 0, kBootDone = 1 };

struct Event {
    std::int64_t at_s = 0;
    EventKind kind = EventKind::kSessionEnd;
    std::uint64_t seq = 0;  // insertion order: the last tie-break, so the heap is deterministic
    std::uint32_t server = 0;
    std::uint32_t user = 0;

    bool operator>(const Event& o) const {
        if (at_s != o.at_s) return at_s > o.at_s;
        if (kind != o.kind) return kind > o.kind;
        return seq > o.seq;
    }
};

struct Server {
    std::size_t config = 0;  // index into Scenario::configs
    std::int64_t created_s = 0;
    std::optional<std::int64_t> last_end_s;
    bool running = false;
    bool removed = false;
};

struct Waiting {
    std::uint32_t user = 0;
    std::int64_t at_s = 0;
    std::int64_t duration_s = 0;
    std::size_t request = 0;  // index into Metrics::waits
};

class World {
public:
    World(const Scenario& scenario, const RunOptions& options);
    Metrics run(const Trace& trace);

private:
    void advance(std::int64_t to);
    void handle(const Event& e);
    void arrive(const Arrival& a, std::size_t request);
    void serve_queue();
    bool try_place(std::uint32_t user, std::int64_t duration_s);
    void tick();
    void fill_snapshot();
    planner::Config config_for(std::size_t i) const;
    planner::Prediction prediction_for(std::size_t i) const;
    void apply(const planner::ConfigPlan& plan, std::size_t config);
    std::uint32_t create_server(std::size_t config, std::int64_t boot_ms);
    void remove_server(std::uint32_t server);
    void push(std::int64_t at_s, EventKind kind, std::uint32_t server, std::uint32_t user);

    const Scenario& scenario_;
    RunOptions options_;
    placement::ServerPoolIndex index_;
    std::vector<Server> servers_;       // by placement slot (servers are added in order)
    std::vector<std::uint32_t> alive_;  // servers not removed, in creation order
    std::vector<sim::Prng> boot_rng_;   // per config, seeded from its provider config
    std::vector<std::optional<std::int64_t>> last_scale_up_;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
    std::deque<Waiting> queue_;
    planner::PoolSnapshot snapshot_;  // reused every tick to avoid reallocating
    std::uint64_t seq_ = 0;
    std::int64_t now_ = 0;
    std::int64_t in_use_ = 0;  // sessions placed
    std::int64_t booting_ = 0;
    std::vector<std::int64_t> history_;  // arrival times so far: predictive standby learns here
    Metrics m_;
};

}  // namespace tidepool::simulate
