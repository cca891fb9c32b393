// A tournament tree over dense positions 0..n-1: each position holds a key (smaller is better)
// or nothing, and the tree answers "which position has the smallest key, lowest position among
// equals" in O(log n), skipping positions a caller rules out. Placement keeps its servers here,
// one position per server in server-id order, so ties break on the lowest id for free.
//
// Why not std::set: a set node per server means a cache miss per tree level and an
// extract/insert per change; here a change rewrites one leaf and its ancestors in one
// contiguous array (a 10k-server pool's tree is 64 KiB), and nothing is allocated once sized.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace tidepool::placement {

class MinTree {
public:
    using Key = std::uint32_t;
    static constexpr Key kEmpty = std::numeric_limits<Key>::max();
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    // Room for positions [0, positions); every position becomes empty.
    void reset(std::size_t positions);
    // Replaces every key at once (position i gets keys[i]) in O(n), with room for at least
    // max(keys.size(), room) positions.
    void assign(const std::vector<Key>& keys, std::size_t room = 0);
    std::size_t capacity() const { return leaves_; }

    void set(std::size_t position, Key key);
    Key key(std::size_t position) const { return nodes_[leaves_ + position]; }

    // The position with the smallest key (ties: the lowest position), or npos when every
    // position is empty or skipped. `skip(position)` is asked only about candidates that
    // would otherwise win, so it costs O(log n) per skipped position, not per position.
    template <class Skip>
    std::size_t best(const Skip& skip) const {
        Search<Skip> s{*this, skip};
        if (leaves_ > 0) s.visit(1, 0, leaves_);
        return s.found;
    }
    std::size_t best() const {
        return best([](std::size_t) { return false; });
    }

private:
    template <class Skip>
    struct Search {
        const MinTree& tree;
        const Skip& skip;
        std::size_t found = npos;
        Key found_key = kEmpty;

        // Whether a subtree whose smallest key is `k` and first position `lo` can still win.
        bool may_win(Key k, std::size_t lo) const {
            return k != kEmpty && (k < found_key || (k == found_key && lo < found));
        }
        void visit(std::size_t node, std::size_t lo, std::size_t width) {
            if (!may_win(tree.nodes_[node], lo)) return;
            if (width == 1) {
                if (!skip(lo)) {
                    found = lo;
                    found_key = tree.nodes_[node];
                }
                return;
            }
            std::size_t half = width / 2, left = 2 * node, right = left + 1;
            // The smaller child first, so the first leaf reached usually wins and the rest
            // of the walk is pruned at once.
            if (tree.nodes_[right] < tree.nodes_[left]) {
                visit(right, lo + half, half);
                visit(left, lo, half);
            } else {
                visit(left, lo, half);
                visit(right, lo + half, half);
            }
        }
    };

    void rebuild_inner();

    std::size_t leaves_ = 0;    // a power of two (or 0)
    std::vector<Key> nodes_;    // heap layout: root at 1, leaves at [leaves_, 2 * leaves_)
};

}  // namespace tidepool::placement
