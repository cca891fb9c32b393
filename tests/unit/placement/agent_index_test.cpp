// AgentPoolIndex: fit on every dimension, spread versus pack, ties, and availability.
#include <doctest/doctest.h>

#include <random>

#include "placement/agent_index.h"

using namespace tidepool;
using placement::AgentFit;
using placement::AgentPoolIndex;
using placement::Amounts;

namespace {
struct Agent {
    const char* id;
    Amounts capacity;
};

std::string choose(AgentPoolIndex& index, Amounts need, bool place = true) {
    auto slot = index.choose(need);
    if (!slot) return "";
    if (place) index.place(*slot, need);
    return index.id_of(*slot);
}

void add_all(AgentPoolIndex& index, const std::vector<Agent>& agents) {
    for (const auto& a : agents) index.set_available(index.add_agent(a.id, a.capacity), true);
}
}  // namespace

TEST_CASE("a session goes only where cores, GPUs and memory all fit") {
    struct Case {
        Amounts need;
        std::string want;
    };
    const Case cases[] = {
        {{2, 0, 4}, "big"},      // spread: the most free cores
        {{1, 1, 2}, "gpu"},      // only the GPU agent has a GPU
        {{1, 0, 60}, "big"},     // memory rules out the others
        {{9, 0, 1}, ""},         // nobody has nine free cores
        {{1, 2, 1}, ""},         // nobody has two GPUs
        {{0.5, 0, 0.5}, "big"},  // fractions are fine
    };
    for (const auto& tc : cases) {
        AgentPoolIndex index(AgentFit::spread);
        add_all(index, {{"small", {2, 0, 8}}, {"gpu", {4, 1, 16}}, {"big", {8, 0, 64}}});
        CHECK(choose(index, tc.need) == tc.want);
    }
}

TEST_CASE("spread evens out free cores; pack fills the tightest agent that fits") {
    AgentPoolIndex spread(AgentFit::spread), pack(AgentFit::pack);
    const std::vector<Agent> agents = {{"a", {4, 0, 16}}, {"b", {4, 0, 16}}, {"c", {6, 0, 16}}};
    add_all(spread, agents);
    add_all(pack, agents);
    std::vector<std::string> s, p;
    for (int i = 0; i < 5; ++i) {
        s.push_back(choose(spread, {2, 0, 1}));
        p.push_back(choose(pack, {2, 0, 1}));
    }
    // spread: c(6→4), then a/b/c all at 4 → lowest id a, then b, then c, then a (2 left each).
    CHECK(s == std::vector<std::string>{"c", "a", "b", "c", "a"});
    // pack: a and b tie at 4 (lowest id a) until full, then b, then c.
    CHECK(p == std::vector<std::string>{"a", "a", "b", "b", "c"});
}

TEST_CASE("ending a session returns its amounts; unavailable agents take nothing") {
    AgentPoolIndex index(AgentFit::pack);
    add_all(index, {{"a", {2, 0, 4}}});
    CHECK(choose(index, {2, 0, 4}) == "a");
    CHECK(choose(index, {1, 0, 1}).empty());
    index.end(0, {2, 0, 4});
    CHECK(index.free_on(0).cores == doctest::Approx(2));
    index.set_available(0, false);
    CHECK(choose(index, {1, 0, 1}).empty());
    index.set_available(0, true);
    CHECK(choose(index, {1, 0, 1}) == "a");
}

TEST_CASE("repeated fractional place/end never drifts") {
    AgentPoolIndex index(AgentFit::spread);
    add_all(index, {{"a", {1, 0, 1}}});
    for (int i = 0; i < 10000; ++i) {
        REQUIRE(choose(index, {0.1, 0, 0.3}) == "a");
        index.end(0, {0.1, 0, 0.3});
    }
    CHECK(index.free_on(0).cores == doctest::Approx(1));
    for (int i = 0; i < 10; ++i) CHECK(choose(index, {0.1, 0, 0.1}) == "a");
    CHECK(choose(index, {0.1, 0, 0.1}).empty());
}

namespace {
// The rule written as a plain scan: among available agents where all three amounts fit, spread
// takes the most free cores and pack the fewest; ties go to the lowest id.
struct Reference {
    struct Row {
        std::string id;
        Amounts capacity, used;
        bool available = true;
    };
    std::vector<Row> rows;
    std::string choose(Amounts need, AgentFit fit) const {
        const Row* best = nullptr;
        for (const auto& r : rows) {
            double cores = r.capacity.cores - r.used.cores;
            if (!r.available || cores < need.cores ||
                r.capacity.gpus - r.used.gpus < need.gpus ||
                r.capacity.memory_gib - r.used.memory_gib < need.memory_gib)
                continue;
            double best_cores = best ? best->capacity.cores - best->used.cores : 0;
            bool wins = fit == AgentFit::spread ? cores > best_cores : cores < best_cores;
            bool better = !best || wins || (cores == best_cores && r.id < best->id);
            if (better) best = &r;
        }
        return best ? best->id : "";
    }
};

void random_agents(AgentFit fit, unsigned seed) {
    std::mt19937 rng(seed);
    AgentPoolIndex index(fit);
    Reference ref;
    std::vector<std::pair<std::size_t, Amounts>> placed;  // (row, amounts)
    for (int i = 0; i < 10; ++i) {
        // Ids added out of order; amounts in halves so both sides count exactly.
        std::string id = "agt-" + std::to_string((i * 7) % 10);
        Amounts cap{1.0 + rng() % 8, static_cast<double>(rng() % 2), 2.0 + rng() % 16};
        index.set_available(index.add_agent(id, cap), true);
        ref.rows.push_back({id, cap, {}, true});
    }
    for (int step = 0; step < 3000; ++step) {
        unsigned op = rng() % 10;
        if (op < 6) {
            Amounts need{0.5 * (rng() % 5), rng() % 6 == 0 ? 1.0 : 0.0, 0.5 * (rng() % 9)};
            auto slot = index.choose(need);
            std::string want = ref.choose(need, fit);
            REQUIRE((slot ? index.id_of(*slot) : "") == want);
            if (!slot) continue;
            index.place(*slot, need);
            std::size_t row = *slot;  // slots follow the order agents were added
            ref.rows[row].used = {ref.rows[row].used.cores + need.cores,
                                  ref.rows[row].used.gpus + need.gpus,
                                  ref.rows[row].used.memory_gib + need.memory_gib};
            placed.push_back({row, need});
        } else if (op < 9 && !placed.empty()) {
            std::size_t k = rng() % placed.size();
            auto [row, need] = placed[k];
            index.end(static_cast<placement::AgentSlot>(row), need);
            Amounts& u = ref.rows[row].used;
            u = {u.cores - need.cores, u.gpus - need.gpus, u.memory_gib - need.memory_gib};
            placed.erase(placed.begin() + static_cast<long>(k));
        } else {
            std::size_t row = rng() % ref.rows.size();
            ref.rows[row].available = !ref.rows[row].available;
            index.set_available(static_cast<placement::AgentSlot>(row), ref.rows[row].available);
        }
    }
}
}  // namespace

TEST_CASE("the agent index chooses exactly what a plain scan chooses, over random histories") {
    for (unsigned seed = 1; seed <= 4; ++seed) {
        CAPTURE(seed);
        random_agents(AgentFit::spread, seed);
        random_agents(AgentFit::pack, seed);
    }
}
