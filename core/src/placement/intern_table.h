// Dense integer slots for strings (session ids, user names): each distinct key gets a small
// index that placement can use for flat arrays, and an erased key's slot is reused by the next
// insert. Open addressing with linear probing over (hash, slot, value) buckets, at most half
// full; erase shifts the following entries back instead of leaving tombstones, so a long churn
// of inserts and erases never degrades lookups.
//
// A lookup is one bucket read plus, only when the 32-bit hashes match, one compare against
// the slot's key record: 32 bytes holding keys of up to 31 bytes inline (session ids and user
// names are 20-30), so a hit costs two cache misses where a std::string per slot cost three
// (bucket, string object, heap buffer). Longer keys live in a std::string beside the record.
// The hash folds 16 bytes per 64x64->128 multiply and reads a key's last 16 bytes as two
// overlapping words, so a 20-30 byte key takes three multiplies and no byte loop: std::hash's
// byte-wise Murmur was a sixth of the end-to-end placement profile, and a word loop with a
// memcpy for the tail still a tenth of its instructions. It is seeded once per process, so
// user names crafted to collide cannot be prepared in advance.
//
// After reserve(n), inserting and erasing allocate nothing for keys of up to 31 bytes (and
// for longer ones once every slot's string has held a key of the usual length).
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
    std::pair<std::uint32_t, bool> insert(std::string_view key) {
        return insert(key, hash_key(key));
    }
    // The same with the key's hash_key(), computed earlier so its bucket could be prefetched.
    std::pair<std::uint32_t, bool> insert(std::string_view key, std::uint32_t hash);

    static std::uint32_t hash_key(std::string_view key);
    // Starts loading the bucket a key with this hash probes first: a caller with two lookups
    // to make (a session id and a user name) overlaps their cache misses instead of paying
    // them one after the other.
    void prefetch(std::uint32_t hash) const {
        if (!buckets_.empty()) __builtin_prefetch(&buckets_[home(hash)]);
    }
    // A guess at the key's slot, for prefetching what the caller keeps by slot: the slot in
    // the key's home bucket when its hash matches, else kNone. Unverified (no key compare), so
    // it may be wrong; it lets the caller's next miss start while the key record is compared.
    std::uint32_t likely_slot(std::uint32_t hash) const {
        if (buckets_.empty()) return kNone;
        const Bucket& b = buckets_[home(hash)];
        return b.hash == hash ? b.slot : kNone;
    }
    // Forgets the key held in `slot` (a slot not in use is ignored).
    void erase(std::uint32_t slot);
    // Forgets the key and returns the slot it held, or kNone: one lookup where find() then
    // erase(slot) would hash and probe twice. With `value`, also hands back the key's value.
    std::uint32_t erase_key(std::string_view key) { return erase_key(key, hash_key(key)); }
    std::uint32_t erase_key(std::string_view key, std::uint32_t hash,
                            std::uint64_t* value = nullptr);

    // Eight bytes of the owner's per key, kept in the key's bucket (0 until set): an owner
    // that needs only a small value per key reads it with the lookup's own cache line instead
    // of from an array by slot, one dependent miss later. False when the key is absent.
    bool set_value(std::string_view key, std::uint32_t hash, std::uint64_t value);
    bool find_value(std::string_view key, std::uint64_t& value) const;
    // As likely_slot(), for the value: unverified, for prefetching what the value points at.
    bool likely_value(std::uint32_t hash, std::uint64_t& value) const {
        if (buckets_.empty()) return false;
        const Bucket& b = buckets_[home(hash)];
        if (b.hash != hash || b.slot == kNone) return false;
        value = b.value;
        return true;
    }

    std::string_view key(std::uint32_t slot) const { return keys_[slot].view(long_keys_, slot); }
    std::size_t size() const { return size_; }
    // One past the highest slot ever handed out: size arrays indexed by slot with this.
    std::size_t slot_limit() const { return keys_.size(); }

private:
    struct Bucket {
        std::uint32_t hash = 0;
        std::uint32_t slot = kNone;
        std::uint64_t value = 0;  // the owner's (set_value)
    };
    // A slot's key: inline when it fits, else (size == kLong) in long_keys_[slot].
    struct KeyRecord {
        static constexpr std::uint8_t kLong = 0xff;
        std::uint8_t size = 0;
        char bytes[31] = {};
        std::string_view view(const std::vector<std::string>& long_keys,
                              std::uint32_t slot) const {
            if (size == kLong) return long_keys[slot];
            return {bytes, size};
        }
    };
    static_assert(sizeof(KeyRecord) == 32, "two key records per cache line");

    void store_key(std::uint32_t slot, std::string_view key);
    std::size_t home(std::uint32_t hash) const { return hash & (buckets_.size() - 1); }
    std::size_t bucket_of(std::string_view key, std::uint32_t hash) const;  // or npos
    void rehash(std::size_t buckets);
    void place_bucket(Bucket b);
    std::uint32_t take_slot(std::string_view key);
    void erase_bucket(std::size_t hole);

    std::vector<Bucket, HugePageAllocator<Bucket>> buckets_;  // a power of two, half used at most
    std::vector<KeyRecord, HugePageAllocator<KeyRecord>> keys_;  // by slot
    std::vector<std::string> long_keys_;  // by slot, sized only once a long key is seen
    std::vector<bool> used_;         // by slot
    std::vector<std::uint32_t> free_;
    std::size_t size_ = 0;
};

}  // namespace tidepool::placement
