// MinTree: the smallest key wins, ties go to the lowest position, skipped positions lose, and
// a randomized run agrees with a plain scan.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "placement/min_tree.h"

using tidepool::placement::MinTree;

namespace {
// The answer by a linear scan, for comparison.
std::size_t scan(const std::vector<MinTree::Key>& keys, const std::set<std::size_t>& skipped) {
    std::size_t best = MinTree::npos;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == MinTree::kEmpty || skipped.count(i)) continue;
        if (best == MinTree::npos || keys[i] < keys[best]) best = i;
    }
    return best;
}
}  // namespace

TEST_CASE("smallest key, lowest position among equals, skips honoured") {
    constexpr auto E = MinTree::kEmpty;
    struct Case {
        std::vector<MinTree::Key> keys;
        std::set<std::size_t> skipped;
        std::size_t want;
    };
    const Case cases[] = {
        {{}, {}, MinTree::npos},                 // no positions at all
        {{E, E, E}, {}, MinTree::npos},          // all empty
        {{5, 3, 9}, {}, 1},                      // the smallest
        {{4, 2, 2, 7, 2}, {}, 1},                // ties: the lowest position
        {{4, 2, 2, 7, 2}, {1}, 2},               // skipping the winner: the next tie
        {{4, 2, 2, 7, 2}, {1, 2, 4}, 0},         // then the next key up
        {{4, 2, 2, 7, 2}, {0, 1, 2, 3, 4}, MinTree::npos},
        {{E, 8, E, E, E, 1}, {}, 5},             // a winner to the right of the first half
    };
    for (const auto& tc : cases) {
        MinTree tree;
        tree.assign(tc.keys);
        auto skip = [&](std::size_t pos) { return tc.skipped.count(pos) > 0; };
        CHECK(tree.best(skip) == tc.want);
    }
}

TEST_CASE("set updates the answer; reset empties; assign keeps the requested room") {
    MinTree tree;
    tree.reset(3);
    CHECK(tree.capacity() == 4);
    CHECK(tree.best() == MinTree::npos);
    tree.set(2, 7);
    tree.set(0, 9);
    CHECK(tree.best() == 2);
    tree.set(0, 7);
    CHECK(tree.best() == 0);
    tree.set(0, MinTree::kEmpty);
    CHECK(tree.best() == 2);
    tree.assign({3, 1}, 100);
    CHECK(tree.capacity() == 128);
    CHECK(tree.best() == 1);
    CHECK(tree.key(0) == 3);
}

TEST_CASE("random updates and skips agree with a linear scan") {
    std::mt19937 rng(7);
    for (std::size_t size : {1u, 2u, 7u, 64u, 100u}) {
        MinTree tree;
        tree.reset(size);
        std::vector<MinTree::Key> keys(size, MinTree::kEmpty);
        for (int step = 0; step < 3000; ++step) {
            std::size_t pos = rng() % size;
            keys[pos] = rng() % 5 == 0 ? MinTree::kEmpty : static_cast<MinTree::Key>(rng() % 6);
            tree.set(pos, keys[pos]);
            std::set<std::size_t> skipped;
            for (int i = 0; i < 3; ++i) skipped.insert(rng() % size);
            auto skip = [&](std::size_t p) { return skipped.count(p) > 0; };
            REQUIRE(tree.best(skip) == scan(keys, skipped));
            REQUIRE(tree.best() == scan(keys, {}));
        }
    }
}
