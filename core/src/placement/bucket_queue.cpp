#include "placement/bucket_queue.h"

#include <algorithm>
#include <bit>

namespace tidepool::placement {

namespace {
constexpr std::size_t kBits = 64;

std::size_t words_for(std::size_t bits) { return (bits + kBits - 1) / kBits; }

// The lowest set bit at index >= from in words[0, count), or npos. The first word is masked
// below `from`; the rest are scanned whole.
std::size_t next_set(const std::uint64_t* words, std::size_t count, std::size_t from) {
    std::size_t w = from / kBits;
    if (w >= count) return BucketQueue::npos;
    std::uint64_t word = words[w] & (~std::uint64_t{0} << (from % kBits));
    while (word == 0) {
        if (++w == count) return BucketQueue::npos;
        word = words[w];
    }
    return w * kBits + static_cast<std::size_t>(std::countr_zero(word));
}
}  // namespace

std::size_t BucketQueue::bytes_for(std::size_t positions, std::size_t span) {
    std::size_t words = words_for(positions);
    return span * (words + words_for(words)) * sizeof(Word);
}

void BucketQueue::assign(const std::vector<Key>& keys, std::size_t room, Key base,
                         std::size_t span) {
    std::size_t positions = std::max(keys.size(), room);
    words_ = words_for(positions);
    summary_words_ = words_for(words_);
    stride_ = summary_words_ + words_;
    base_ = base;
    span_ = span;
    keys_.assign(positions, kEmpty);
    bits_.assign(span * stride_, 0);
    nonempty_.assign(words_for(span), 0);
    count_.assign(span, 0);
    for (std::size_t pos = 0; pos < keys.size(); ++pos) set(pos, keys[pos]);
}

std::size_t BucketQueue::next_in(std::size_t bucket, std::size_t from) const {
    const Word* leaf = leaves(bucket);
    std::size_t w = from / kBits;
    if (w >= words_) return npos;
    // Most answers are in the word `from` falls in (equal keys cluster by position); only
    // past it do the summary words say which leaf word to read next.
    Word word = leaf[w] & (~Word{0} << (from % kBits));
    if (word != 0) return w * kBits + static_cast<std::size_t>(std::countr_zero(word));
    std::size_t next = next_set(summary(bucket), summary_words_, w + 1);
    if (next == npos) return npos;
    return next * kBits + static_cast<std::size_t>(std::countr_zero(leaf[next]));
}

std::size_t BucketQueue::next_bucket(std::size_t from) const {
    return next_set(nonempty_.data(), nonempty_.size(), from);
}

}  // namespace tidepool::placement
