// BucketQueue: the same answers as MinTree (smallest key, lowest position among equals,
// skipped positions lose), "next set bit" at word and summary-word boundaries, and random
// updates and skips against a linear scan.
#include <doctest/doctest.h>

#include <random>
#include <set>
#include <vector>

#include "placement/bucket_queue.h"

using tidepool::placement::BucketQueue;

namespace {
constexpr auto E = BucketQueue::kEmpty;
constexpr auto npos = BucketQueue::npos;

std::size_t scan(const std::vector<BucketQueue::Key>& keys, const std::set<std::size_t>& skipped) {
    std::size_t best = npos;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] == E || skipped.count(i)) continue;
        if (best == npos || keys[i] < keys[best]) best = i;
    }
    return best;
}
}  // namespace

TEST_CASE("smallest key, lowest position among equals, skips honoured (window at 10)") {
    struct Case {
        std::vector<BucketQueue::Key> keys;
        std::set<std::size_t> skipped;
        std::size_t want;
    };
    const Case cases[] = {
        {{}, {}, npos},
        {{E, E, E}, {}, npos},
        {{15, 13, 19}, {}, 1},
        {{14, 12, 12, 17, 12}, {}, 1},
        {{14, 12, 12, 17, 12}, {1}, 2},
        {{14, 12, 12, 17, 12}, {1, 2, 4}, 0},
        {{14, 12, 12, 17, 12}, {0, 1, 2, 3, 4}, npos},
        {{E, 18, E, E, E, 10}, {}, 5},  // the window's first key
        {{E, 19, E, E, E, 11}, {5}, 1},  // its last key
    };
    for (const auto& tc : cases) {
        BucketQueue q;
        q.assign(tc.keys, 0, 10, 10);
        auto skip = [&](std::size_t pos) { return tc.skipped.count(pos) > 0; };
        CHECK(q.best(skip) == tc.want);
        CHECK(q.best() == scan(tc.keys, {}));
    }
}

TEST_CASE("next set bit across word and summary-word boundaries") {
    // 5000 positions: 79 leaf words, 2 summary words (the second starts at position 4096).
    BucketQueue q;
    q.assign({}, 5000, 0, 2);
    CHECK(q.capacity() == 5000);
    CHECK(q.best() == npos);
    CHECK(q.next_bucket(0) == npos);
    for (std::size_t pos : {63u, 64u, 4095u, 4096u, 4999u}) q.set(pos, 1);
    struct Probe {
        std::size_t from, want;
    };
    const Probe probes[] = {
        {0, 63},       // the last bit of the first word
        {63, 63},      // from the bit itself
        {64, 64},      // the first bit of the next word
        {65, 4095},    // skips 62 empty words inside one summary word
        {4096, 4096},  // the first position of the second summary word
        {4097, 4999},  // the last position
        {5000, npos},  // past the end
        {9000, npos},
    };
    for (const auto& p : probes) {
        CAPTURE(p.from);
        CHECK(q.next_in(1, p.from) == p.want);
        CHECK(q.next_in(0, p.from) == npos);  // the other bucket is empty
    }
    CHECK(q.next_bucket(0) == 1);
    CHECK(q.next_bucket(2) == npos);
    q.set(4095, E);
    CHECK(q.next_in(1, 65) == 4096);  // a leaf word emptied clears its summary bit
    for (std::size_t pos : {63u, 64u, 4096u, 4999u}) q.set(pos, E);
    CHECK(q.next_bucket(0) == npos);  // the bucket emptied clears its bucket bit
    CHECK(q.best() == npos);
}

TEST_CASE("buckets past the first bucket word; moving a position between buckets") {
    BucketQueue q;
    q.assign({E, E, E}, 0, 100, 200);  // 200 keys: four bucket words
    q.set(2, 299);                      // the last bucket
    CHECK(q.best() == 2);
    q.set(1, 164);                      // the first bucket of the second word
    CHECK(q.best() == 1);
    CHECK(q.next_bucket(0) == 64);
    q.set(1, 299);                      // moved: ties with 2, lower position wins
    CHECK(q.next_bucket(0) == 199);
    CHECK(q.best() == 1);
    CHECK(q.key(1) == 299);
    CHECK(q.fits(100));
    CHECK(q.fits(299));
    CHECK(!q.fits(300));
    CHECK(!q.fits(99));
    CHECK(q.fits(E));
}

TEST_CASE("random updates and skips agree with a linear scan") {
    std::mt19937 rng(7);
    for (std::size_t size : {1u, 2u, 7u, 64u, 65u, 100u, 4200u}) {
        BucketQueue q;
        q.assign({}, size, 3, 6);
        std::vector<BucketQueue::Key> keys(size, E);
        for (int step = 0; step < 3000; ++step) {
            std::size_t pos = rng() % size;
            keys[pos] = rng() % 5 == 0 ? E : static_cast<BucketQueue::Key>(3 + rng() % 6);
            q.set(pos, keys[pos]);
            std::set<std::size_t> skipped;
            for (int i = 0; i < 3; ++i) skipped.insert(rng() % size);
            auto skip = [&](std::size_t p) { return skipped.count(p) > 0; };
            REQUIRE(q.best(skip) == scan(keys, skipped));
            REQUIRE(q.best() == scan(keys, {}));
        }
    }
}

TEST_CASE("skip is asked once per candidate, in answer order") {
    BucketQueue q;
    q.assign(std::vector<BucketQueue::Key>(200, 4), 0, 0, 8);
    q.set(150, 2);  // the best key: asked first
    std::vector<std::size_t> asked;
    auto skip = [&](std::size_t pos) {
        asked.push_back(pos);
        return pos == 150 || pos < 70;
    };
    CHECK(q.best(skip) == 70);
    REQUIRE(asked.size() == 72);
    CHECK(asked[0] == 150);
    for (std::size_t i = 1; i < asked.size(); ++i) CHECK(asked[i] == i - 1);
}
