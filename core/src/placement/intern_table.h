// Dense integer slots for strings (session ids, user names): each distinct key gets a small
// index that placement can use for flat arrays, and an erased key's slot — with its string's
// buffer — is reused by the next insert. Open addressing with linear probing over (hash, slot)
// pairs, at most half full, so a lookup is one or two cache lines plus one string compare;
// erase shifts the following entries back instead of leaving tombstones, so a long churn of
// inserts and erases never degrades lookups.
//
// After reserve(n) and once every slot's string has held a key of the usual length, inserting
// and erasing allocate nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "placement/huge_pages.h"

namespace tidepool::placement {

class InternTable {
public:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

    // Room for this many keys at once without rehashing or growing.
    void reserve(std::size_t keys);

    // The key's slot, or kNone.
    std::uint32_t find(std::string_view key) const;
    // The key's slot, added when absent (second = true when it was added).
    std::pair<std::uint32_t, bool> insert(std::string_view key);
    // Forgets the key held in `slot` (a slot not in use is ignored).
    void erase(std::uint32_t slot);
    // Forgets the key and returns the slot it held, or kNone: one lookup where find() then
    // erase(slot) would hash and probe twice.
    std::uint32_t erase_key(std::string_view key);

    const std::string& key(std::uint32_t slot) const { return keys_[slot]; }
    std::size_t size() const { return size_; }
    // One past the highest slot ever handed out: size arrays indexed by slot with this.
    std::size_t slot_limit() const { return keys_.size(); }

private:
    struct Bucket {
        std::uint32_t hash = 0;
        std::uint32_t slot = kNone;
    };
    static std::uint32_t hash_of(std::string_view key);
    std::size_t home(std::uint32_t hash) const { return hash & (buckets_.size() - 1); }
    std::size_t bucket_of(std::string_view key, std::uint32_t hash) const;  // or npos
    void rehash(std::size_t buckets);
    void place_bucket(Bucket b);
    std::uint32_t take_slot(std::string_view key);
    void erase_bucket(std::size_t hole);

    std::vector<Bucket, HugePageAllocator<Bucket>> buckets_;  // a power of two, half used at most
    std::vector<std::string> keys_;  // by slot
    std::vector<bool> used_;         // by slot
    std::vector<std::uint32_t> free_;
    std::size_t size_ = 0;
};

}  // namespace tidepool::placement
