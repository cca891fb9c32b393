// InternTable: dense slots per distinct key, reuse after erase, and a long random churn that
// agrees with std::unordered_map (erase's backward shift must keep every key reachable).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "placement/intern_table.h"

using tidepool::placement::InternTable;

TEST_CASE("insert, find and erase; an erased slot is reused") {
    InternTable t;
    auto [a, added_a] = t.insert("ses-a");
    auto [b, added_b] = t.insert("ses-b");
    CHECK(added_a);
    CHECK(added_b);
    CHECK(a != b);
    CHECK(t.insert("ses-a") == std::pair{a, false});
    CHECK(t.find("ses-b") == b);
    CHECK(t.find("ses-c") == InternTable::kNone);
    CHECK(t.find("") == InternTable::kNone);
    CHECK(t.size() == 2);
    t.erase(a);
    t.erase(a);  // twice: ignored
    CHECK(t.find("ses-a") == InternTable::kNone);
    CHECK(t.size() == 1);
    CHECK(t.erase_key("ses-a") == InternTable::kNone);
    auto [c, added_c] = t.insert("ses-c");
    CHECK(added_c);
    CHECK(c == a);  // the freed slot comes back
    CHECK(t.key(c) == "ses-c");
    CHECK(t.slot_limit() == 2);
}

TEST_CASE("a random churn agrees with std::unordered_map") {
    std::mt19937 rng(11);
    InternTable t;
    t.reserve(64);  // small on purpose: growth and rehashing happen during the run
    std::unordered_map<std::string, std::uint32_t> want;
    for (int step = 0; step < 20000; ++step) {
        std::string key = "k" + std::to_string(rng() % 500);
        if (rng() % 3 == 0) {
            auto it = want.find(key);
            REQUIRE(t.find(key) == (it == want.end() ? InternTable::kNone : it->second));
            if (it == want.end()) continue;
            if (rng() % 2 == 0) {
                t.erase(it->second);
            } else {
                REQUIRE(t.erase_key(key) == it->second);
            }
            want.erase(it);
        } else {
            auto [slot, added] = t.insert(key);
            auto [it, fresh] = want.try_emplace(key, slot);
            REQUIRE(added == fresh);
            REQUIRE(it->second == slot);
        }
        REQUIRE(t.size() == want.size());
    }
    for (const auto& [key, slot] : want) REQUIRE(t.find(key) == slot);
}

TEST_CASE("keys of every length round-trip, inline (up to 31 bytes) and long alike") {
    InternTable t;
    std::vector<std::string> keys;
    for (std::size_t n : {0, 1, 7, 8, 9, 23, 29, 30, 31, 32, 33, 64, 200, 300})
        keys.emplace_back(n, 'x');
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!keys[i].empty()) keys[i].back() = static_cast<char>('a' + i);  // all distinct
    for (const std::string& k : keys) CHECK(t.insert(k).second);
    for (const std::string& k : keys) {
        std::uint32_t slot = t.find(k);
        REQUIRE(slot != InternTable::kNone);
        CHECK(t.key(slot) == k);
    }
    // A slot that held a long key takes a short one, and back: the record switches form.
    std::uint32_t long_slot = t.find(keys[11]);
    CHECK(t.erase_key(keys[11]) == long_slot);
    CHECK(t.insert("short").first == long_slot);
    CHECK(t.key(long_slot) == "short");
    t.erase(long_slot);
    std::string again(100, 'y');
    CHECK(t.insert(again).first == long_slot);
    CHECK(t.key(long_slot) == again);
    CHECK(t.find("short") == InternTable::kNone);
}

TEST_CASE("hash-first overloads agree with the plain ones; likely_slot is a hint") {
    InternTable t;
    t.reserve(16);
    CHECK(t.likely_slot(InternTable::hash_key("ses-a")) == InternTable::kNone);  // empty table
    std::uint32_t h = InternTable::hash_key("ses-a");
    t.prefetch(h);  // a hint: changes nothing
    auto [a, added] = t.insert("ses-a", h);
    CHECK(added);
    CHECK(t.insert("ses-a") == std::pair{a, false});
    CHECK(t.likely_slot(h) == a);  // alone in the table, the key sits in its home bucket
    CHECK(t.likely_slot(InternTable::hash_key("ses-b")) == InternTable::kNone);
    CHECK(t.erase_key("ses-a", h) == a);
    CHECK(t.find("ses-a") == InternTable::kNone);
    CHECK(t.likely_slot(h) == InternTable::kNone);
}

TEST_CASE("each key keeps an 8-byte value in its bucket, moved with it and handed back") {
    InternTable t;
    t.reserve(8);
    std::uint64_t v = 1;
    CHECK_FALSE(t.set_value("absent", InternTable::hash_key("absent"), 7));
    CHECK_FALSE(t.find_value("absent", v));
    // Enough keys that probe runs form and erasing shifts buckets back.
    for (int i = 0; i < 8; ++i) {
        std::string k = "ses-" + std::to_string(i);
        std::uint32_t h = InternTable::hash_key(k);
        t.insert(k, h);
        CHECK(t.find_value(k, v));
        CHECK(v == 0);  // 0 until set
        CHECK(t.set_value(k, h, 100 + static_cast<std::uint64_t>(i)));
    }
    std::uint64_t erased = 0;
    CHECK(t.erase_key("ses-3", InternTable::hash_key("ses-3"), &erased) != InternTable::kNone);
    CHECK(erased == 103);
    for (int i = 0; i < 8; ++i) {
        std::string k = "ses-" + std::to_string(i);
        CHECK(t.find_value(k, v) == (i != 3));
        if (i != 3) CHECK(v == 100 + static_cast<std::uint64_t>(i));
    }
    std::uint64_t guess = 0;
    std::uint32_t h5 = InternTable::hash_key("ses-5");
    if (t.likely_slot(h5) != InternTable::kNone) {  // in its home bucket: the hint agrees
        CHECK(t.likely_value(h5, guess));
        CHECK(guess == 105);
    }
    CHECK_FALSE(t.likely_value(InternTable::hash_key("never-seen"), guess));
}
