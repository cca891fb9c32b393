// Interval set operations behind active_intervals.

#include "schedule/intervals.h"

#include "test_support.h"

namespace tidepool::schedule::test {
namespace {

// Hours after a fixed base, to keep the tables short.
Interval h(int start, int end) {
    const Instant base = at("2026-01-01T00:00:00Z");
    return {base + std::chrono::hours{start}, base + std::chrono::hours{end}};
}

struct SetCase {
    const char* name;
    std::vector<Interval> input;
    std::vector<Interval> expected;
};

TEST_CASE("normalize sorts, merges overlapping and touching intervals, drops empty ones") {
    const std::vector<SetCase> cases = {
        {"empty", {}, {}},
        {"sorted apart", {h(5, 6), h(1, 2)}, {h(1, 2), h(5, 6)}},
        {"overlap", {h(1, 4), h(3, 6)}, {h(1, 6)}},
        {"touching", {h(1, 3), h(3, 5)}, {h(1, 5)}},
        {"contained", {h(1, 10), h(2, 3), h(4, 5)}, {h(1, 10)}},
        {"empty and inverted dropped", {h(2, 2), h(5, 4), h(7, 8)}, {h(7, 8)}},
        {"chain", {h(6, 9), h(1, 3), h(3, 6), h(10, 11)}, {h(1, 9), h(10, 11)}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(render(normalize(c.input)) == render(c.expected));
    }
}

TEST_CASE("subtract removes every cut") {
    struct Case {
        const char* name;
        std::vector<Interval> from, remove, expected;
    };
    const std::vector<Case> cases = {
        {"nothing to remove", {h(1, 5)}, {}, {h(1, 5)}},
        {"middle", {h(1, 10)}, {h(4, 6)}, {h(1, 4), h(6, 10)}},
        {"both ends", {h(1, 10)}, {h(0, 2), h(9, 12)}, {h(2, 9)}},
        {"whole", {h(1, 10)}, {h(0, 12)}, {}},
        {"one cut over two sources", {h(1, 4), h(6, 9)}, {h(3, 7)}, {h(1, 3), h(7, 9)}},
        {"touching cut leaves all", {h(1, 4)}, {h(4, 6), h(0, 1)}, {h(1, 4)}},
        {"many cuts",
         {h(0, 10)},
         {h(1, 2), h(3, 4), h(5, 6)},
         {h(0, 1), h(2, 3), h(4, 5), h(6, 10)}},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(render(subtract(c.from, c.remove)) == render(c.expected));
    }
}

TEST_CASE("clip and covers") {
    const std::vector<Interval> list = {h(1, 3), h(5, 8)};
    CHECK(render(clip(list, h(2, 6).start, h(2, 6).end)) == render({h(2, 3), h(5, 6)}));
    CHECK(clip(list, h(3, 5).start, h(3, 5).end).empty());
    CHECK_FALSE(covers(list, h(0, 0).start));
    CHECK(covers(list, h(1, 1).start));
    CHECK_FALSE(covers(list, h(3, 3).start));  // end is exclusive
    CHECK(covers(list, h(7, 7).start));
    CHECK_FALSE(covers(list, h(8, 8).start));
    CHECK_FALSE(covers({}, h(1, 1).start));
}

}  // namespace
}  // namespace tidepool::schedule::test
