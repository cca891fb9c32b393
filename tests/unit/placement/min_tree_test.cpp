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

TEST_CASE("ties go to the lowest position wherever the tied positions sit in the tree") {
    constexpr auto E = MinTree::kEmpty;
    struct Case {
        std::vector<MinTree::Key> keys;
        std::set<std::size_t> skipped;
        std::size_t want;
    };
    const Case cases[] = {
        {{3, 3, 3, 3, 3, 3, 3, 3}, {}, 0},               // all tied: the first
        {{3, 3, 3, 3, 3, 3, 3, 3}, {0}, 1},              // skip the first: its sibling
        {{3, 3, 3, 3, 3, 3, 3, 3}, {0, 1, 2, 3}, 4},     // a whole left half skipped
        {{9, 9, 9, 9, 2, 9, 9, 2}, {4}, 7},              // the tie in another subtree
        {{E, E, E, 5, 5, E, E, E}, {}, 3},               // a tie across a subtree border
        {{E, E, E, 5, 5, E, E, E}, {3}, 4},
        {{1, 6, 6, 6, 6, 6, 6, 2}, {0}, 7},              // a better key far right wins
        {{1, 6, 6, 6, 6, 6, 6, 2}, {0, 7}, 1},           // then the lowest of the rest
    };
    for (const auto& tc : cases) {
        MinTree tree;
        tree.assign(tc.keys);
        auto skip = [&](std::size_t pos) { return tc.skipped.count(pos) > 0; };
        CHECK(tree.best(skip) == tc.want);
    }
}

TEST_CASE("skip is asked once per candidate, and only about candidates that could win") {
    // 64 tied positions, the first 10 skipped: the walk must ask about positions 0..10 (the
    // ten ruled out and the one that wins) and nothing else, each once.
    MinTree tree;
    tree.assign(std::vector<MinTree::Key>(64, 4));
    std::vector<int> asked(64, 0);
    auto skip = [&](std::size_t pos) {
        ++asked[pos];
        return pos < 10;
    };
    CHECK(tree.best(skip) == 10);
    for (std::size_t pos = 0; pos < 64; ++pos) {
        CAPTURE(pos);
        CHECK(asked[pos] == (pos <= 10 ? 1 : 0));
    }
}

TEST_CASE("set keeps every ancestor true when the climb stops early") {
    // Each step either changes the winner (a full climb) or leaves an ancestor unchanged (an
    // early stop); after every step the root and each subtree's answer must match a scan.
    MinTree tree;
    tree.reset(8);
    std::vector<MinTree::Key> keys(8, MinTree::kEmpty);
    struct Step {
        std::size_t pos;
        MinTree::Key key;
        std::size_t want;
    };
    const Step steps[] = {
        {5, 7, 5},               // the only key
        {6, 7, 5},               // a tie to the right: 5 stays, the climb stops at 6's parent
        {2, 9, 5},               // worse: stops below the root
        {2, 7, 2},               // now a tie further left: the root changes
        {2, 8, 5},               // 2 gets worse again: the winner goes back to 5
        {5, MinTree::kEmpty, 6}, // 5 empties: its sibling 4 is empty, the tie at 6 wins
        {6, MinTree::kEmpty, 2},
        {2, MinTree::kEmpty, MinTree::npos},
    };
    for (const auto& st : steps) {
        CAPTURE(st.pos);
        tree.set(st.pos, st.key);
        keys[st.pos] = st.key;
        CHECK(tree.best() == st.want);
        CHECK(tree.best() == scan(keys, {}));
        CHECK(tree.key(st.pos) == st.key);
        // Every position as the only one not skipped: each subtree's stored winner is used.
        for (std::size_t only = 0; only < 8; ++only) {
            auto skip = [&](std::size_t p) { return p != only; };
            CHECK(tree.best(skip) == (keys[only] == MinTree::kEmpty ? MinTree::npos : only));
        }
    }
}
