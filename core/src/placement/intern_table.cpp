#include "placement/intern_table.h"

#include <bit>
#include <cstring>
#include <random>
#include <tuple>

namespace tidepool::placement {

namespace {
constexpr std::size_t kNpos = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kMinBuckets = 16;

// Murmur-class quality is not needed, only spread of the low bits across similar keys (ids
// differ in a few hex digits): 16 bytes at a time are folded in with one full 128-bit product,
// and the last 16 (or the whole of a shorter key) are read as two possibly overlapping words,
// so a 20-30 byte id or user name costs two products, a finishing one and no byte loop.
__extension__ using Wide = unsigned __int128;  // GCC and Clang; the multiply is one mulx

constexpr std::uint64_t kSeed = 0xa0761d6478bd642fULL;

// User names come from API callers. With a fixed function, names crafted to share their low
// hash bits would pile into one probe run and make every lookup linear; a seed drawn per
// process makes such a set unguessable. Nothing depends on hash values across processes:
// slots are handed out from free lists, never in bucket order. A function-local static, so a
// table used during another file's static initialisation still sees the one seed.
std::uint64_t process_seed() {
    static const std::uint64_t seed = [] {
        std::random_device device;
        return kSeed ^ (std::uint64_t{device()} << 32 | device());
    }();
    return seed;
}
constexpr std::uint64_t kOdd = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kFinal = 0x8ebc6af09c88c6e3ULL;

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    Wide p = static_cast<Wide>(a) * b;
    return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
}

template <class Word>
std::uint64_t load(const char* p) {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// A key of at most 16 bytes as two words that together cover every byte.
std::pair<std::uint64_t, std::uint64_t> short_words(const char* p, std::size_t n) {
    if (n >= 8) return {load<std::uint64_t>(p), load<std::uint64_t>(p + n - 8)};
    if (n >= 4) return {load<std::uint32_t>(p), load<std::uint32_t>(p + n - 4)};
    if (n == 0) return {0, 0};
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i]));
    };
    return {byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1), 0};
}
}  // namespace

std::uint32_t InternTable::hash_key(std::string_view key) {
    const char* p = key.data();
    std::size_t n = key.size();
    std::uint64_t h = process_seed() ^ n;
    std::uint64_t a = 0, b = 0;
    if (n <= 16) {
        std::tie(a, b) = short_words(p, n);
    } else {
        std::size_t left = n;
        for (; left > 16; p += 16, left -= 16)
            h = mix(load<std::uint64_t>(p) ^ kOdd, load<std::uint64_t>(p + 8) ^ h);
        // The last 16 bytes, overlapping the previous block when the length is not a multiple.
        a = load<std::uint64_t>(p + left - 16);
        b = load<std::uint64_t>(p + left - 8);
    }
    h = mix(a ^ kOdd, b ^ h);
    h = mix(h ^ kFinal, n ^ kOdd);
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
        if (b.hash == hash && keys_[b.slot].view(long_keys_, b.slot) == key) return i;
    }
}

std::uint32_t InternTable::find(std::string_view key) const {
    std::size_t i = bucket_of(key, hash_key(key));
    return i == kNpos ? kNone : buckets_[i].slot;
}

std::uint32_t InternTable::take_slot(std::string_view key) {
    std::uint32_t slot;
    if (free_.empty()) {
        keys_.emplace_back();
        used_.push_back(true);
        slot = static_cast<std::uint32_t>(keys_.size() - 1);
    } else {
        slot = free_.back();
        free_.pop_back();
        used_[slot] = true;
    }
    store_key(slot, key);
    return slot;
}

void InternTable::store_key(std::uint32_t slot, std::string_view key) {
    KeyRecord& r = keys_[slot];
    if (key.size() <= sizeof r.bytes) {
        r.size = static_cast<std::uint8_t>(key.size());
        std::memcpy(r.bytes, key.data(), key.size());
        return;
    }
    r.size = KeyRecord::kLong;
    if (long_keys_.size() <= slot) long_keys_.resize(keys_.capacity());
    long_keys_[slot].assign(key);  // keeps the buffer of the long key this slot held before
}

std::pair<std::uint32_t, bool> InternTable::insert(std::string_view key, std::uint32_t hash) {
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
    std::string_view key = keys_[slot].view(long_keys_, slot);
    erase_bucket(bucket_of(key, hash_key(key)));
}

std::uint32_t InternTable::erase_key(std::string_view key, std::uint32_t hash,
                                     std::uint64_t* value) {
    std::size_t bucket = bucket_of(key, hash);
    if (bucket == kNpos) return kNone;
    std::uint32_t slot = buckets_[bucket].slot;
    if (value) *value = buckets_[bucket].value;
    erase_bucket(bucket);
    return slot;
}

bool InternTable::set_value(std::string_view key, std::uint32_t hash, std::uint64_t value) {
    std::size_t bucket = bucket_of(key, hash);
    if (bucket == kNpos) return false;
    buckets_[bucket].value = value;
    return true;
}

bool InternTable::find_value(std::string_view key, std::uint64_t& value) const {
    std::size_t bucket = bucket_of(key, hash_key(key));
    if (bucket == kNpos) return false;
    value = buckets_[bucket].value;
    return true;
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
