// A bucket queue over dense positions 0..n-1 for keys drawn from a small window
// [base, base + span): the same answer as MinTree (the smallest key wins, the lowest position
// among equals, skipped positions lose) at O(1) per change instead of O(log n).
//
// Placement keys are headroom ranks, and headroom is a small integer (at most the pool's
// largest per-server limit), so every key gets a bucket: a two-level bitset of the positions
// holding that key (one bit per position, and one summary bit per 64-position word), plus one
// bit per bucket saying whether it holds anything.
//   - set() clears one bit and sets another (and their summary bits): a few words, all hot;
//   - best() finds the first non-empty bucket, the first non-zero summary word in it and the
//     lowest set bit below that: a handful of count-trailing-zeros, no walk;
//   - best(skip) visits candidates in answer order (bucket by bucket, positions ascending,
//     each found with "next set bit after p") and stops at the first one not skipped:
//     O(1) per skipped position, plus the scan of a bucket's summary words.
// Scans of summary words and of the bucket bitset are linear, one word per 4096 positions or
// 64 keys: 3 and 2 words for a 10k-server pool with limits of 126.
//
// Memory is span x (positions / 64 + positions / 4096) words, 160 KiB for 10k servers and
// limits of 126; bytes_for() lets the owner choose MinTree instead when the key window is
// too wide for that (a pool with effectively unlimited per-server caps).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace tidepool::placement {

class BucketQueue {
public:
    using Key = std::uint32_t;
    static constexpr Key kEmpty = std::numeric_limits<Key>::max();
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    // The bitset memory for `positions` positions and `span` keys, in bytes.
    static std::size_t bytes_for(std::size_t positions, std::size_t span);

    // Room for max(keys.size(), room) positions and keys in [base, base + span); position i
    // gets keys[i], each of which must be kEmpty or inside the window. O(n + memory / 8).
    void assign(const std::vector<Key>& keys, std::size_t room, Key base, std::size_t span);
    std::size_t capacity() const { return keys_.size(); }
    bool fits(Key key) const { return key == kEmpty || (key >= base_ && key - base_ < span_); }

    // `key` must fit the window (checked by the owner, who rebuilds with a wider one).
    void set(std::size_t position, Key key) {  // inline: two per session placed or ended
        Key old = keys_[position];
        if (old == key) return;
        if (old != kEmpty) remove(old - base_, position);
        if (key != kEmpty) add(key - base_, position);
        keys_[position] = key;
    }
    Key key(std::size_t position) const { return keys_[position]; }

    // The position with the smallest key (ties: the lowest position), or npos.
    std::size_t best() const {
        std::size_t bucket = next_bucket(0);
        return bucket == npos ? npos : next_in(bucket, 0);
    }
    // The same, leaving out positions for which skip(position) is true. `skip` is asked about
    // candidates in answer order, each at most once.
    template <class Skip>
    std::size_t best(const Skip& skip) const {
        for (std::size_t b = next_bucket(0); b != npos; b = next_bucket(b + 1))
            for (std::size_t p = next_in(b, 0); p != npos; p = next_in(b, p + 1))
                if (!skip(p)) return p;
        return npos;
    }

    // The lowest set position >= from in `bucket`, or npos (public for the boundary tests).
    std::size_t next_in(std::size_t bucket, std::size_t from) const;
    // The first non-empty bucket >= from, or npos.
    std::size_t next_bucket(std::size_t from) const;

private:
    using Word = std::uint64_t;
    const Word* summary(std::size_t bucket) const { return &bits_[bucket * stride_]; }
    const Word* leaves(std::size_t bucket) const { return summary(bucket) + summary_words_; }
    void add(std::size_t bucket, std::size_t position) {
        Word* s = &bits_[bucket * stride_];
        std::size_t w = position / 64;
        s[summary_words_ + w] |= Word{1} << (position % 64);
        s[w / 64] |= Word{1} << (w % 64);
        if (count_[bucket]++ == 0) nonempty_[bucket / 64] |= Word{1} << (bucket % 64);
    }
    void remove(std::size_t bucket, std::size_t position) {
        Word* s = &bits_[bucket * stride_];
        std::size_t w = position / 64;
        Word& leaf = s[summary_words_ + w];
        leaf &= ~(Word{1} << (position % 64));
        if (leaf == 0) s[w / 64] &= ~(Word{1} << (w % 64));
        if (--count_[bucket] == 0) nonempty_[bucket / 64] &= ~(Word{1} << (bucket % 64));
    }

    std::vector<Key> keys_;            // by position
    std::vector<Word> bits_;           // per bucket: summary words, then leaf words
    std::vector<Word> nonempty_;       // bit b: bucket b holds a position
    std::vector<std::uint32_t> count_;  // positions per bucket
    std::size_t words_ = 0;            // leaf words per bucket
    std::size_t summary_words_ = 0;
    std::size_t stride_ = 0;           // summary_words_ + words_
    Key base_ = 0;
    std::size_t span_ = 0;
};

}  // namespace tidepool::placement
