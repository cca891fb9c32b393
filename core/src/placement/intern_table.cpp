#include "placement/intern_table.h"

#include <bit>
#include <functional>

namespace tidepool::placement {

namespace {
constexpr std::size_t kNpos = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kMinBuckets = 16;
}  // namespace

std::uint32_t InternTable::hash_of(std::string_view key) {
    auto h = std::hash<std::string_view>{}(key);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

void InternTable::reserve(std::size_t keys) {
    if (2 * keys > buckets_.size()) rehash(std::bit_ceil(std::max(kMinBuckets, 2 * keys)));
    keys_.reserve(keys);
    used_.reserve(keys);
    free_.reserve(keys);
}

void InternTable::rehash(std::size_t buckets) {
    auto old = std::move(buckets_);
    buckets_.assign(buckets, Bucket{});
    for (const Bucket& b : old)
        if (b.slot != kNone) place_bucket(b);
}

void InternTable::place_bucket(Bucket b) {
    std::size_t i = home(b.hash);
    while (buckets_[i].slot != kNone) i = (i + 1) & (buckets_.size() - 1);
    buckets_[i] = b;
}

std::size_t InternTable::bucket_of(std::string_view key, std::uint32_t hash) const {
    if (buckets_.empty()) return kNpos;
    for (std::size_t i = home(hash);; i = (i + 1) & (buckets_.size() - 1)) {
        const Bucket& b = buckets_[i];
        if (b.slot == kNone) return kNpos;
        if (b.hash == hash && keys_[b.slot] == key) return i;
    }
}

std::uint32_t InternTable::find(std::string_view key) const {
    std::size_t i = bucket_of(key, hash_of(key));
    return i == kNpos ? kNone : buckets_[i].slot;
}

std::uint32_t InternTable::take_slot(std::string_view key) {
    if (free_.empty()) {
        keys_.emplace_back(key);
        used_.push_back(true);
        return static_cast<std::uint32_t>(keys_.size() - 1);
    }
    std::uint32_t slot = free_.back();
    free_.pop_back();
    keys_[slot].assign(key);  // keeps the buffer of the key this slot held before
    used_[slot] = true;
    return slot;
}

std::pair<std::uint32_t, bool> InternTable::insert(std::string_view key) {
    std::uint32_t hash = hash_of(key);
    if (std::size_t i = bucket_of(key, hash); i != kNpos) return {buckets_[i].slot, false};
    if (2 * (size_ + 1) > buckets_.size())
        rehash(std::max(kMinBuckets, 2 * buckets_.size()));
    std::uint32_t slot = take_slot(key);
    place_bucket(Bucket{hash, slot});
    ++size_;
    return {slot, true};
}

void InternTable::erase(std::uint32_t slot) {
    if (slot >= keys_.size() || !used_[slot]) return;
    erase_bucket(bucket_of(keys_[slot], hash_of(keys_[slot])));
}

std::uint32_t InternTable::erase_key(std::string_view key) {
    std::size_t bucket = bucket_of(key, hash_of(key));
    if (bucket == kNpos) return kNone;
    std::uint32_t slot = buckets_[bucket].slot;
    erase_bucket(bucket);
    return slot;
}

void InternTable::erase_bucket(std::size_t hole) {
    std::uint32_t slot = buckets_[hole].slot;
    // Backward-shift deletion: pull later entries of the same probe run into the hole, so
    // every remaining key stays reachable from its home bucket without tombstones.
    const std::size_t mask = buckets_.size() - 1;
    for (std::size_t next = (hole + 1) & mask; buckets_[next].slot != kNone;
         next = (next + 1) & mask) {
        std::size_t want = home(buckets_[next].hash);
        // Movable unless its home lies cyclically in (hole, next].
        bool stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next);
        if (stays) continue;
        buckets_[hole] = buckets_[next];
        hole = next;
    }
    buckets_[hole] = Bucket{};
    used_[slot] = false;
    free_.push_back(slot);
    --size_;
}

}  // namespace tidepool::placement
