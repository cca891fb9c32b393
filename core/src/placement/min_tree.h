// A tournament tree over dense positions 0..n-1: each position holds a key (smaller is better)
// or nothing, and the tree answers "which position has the smallest key, lowest position among
// equals", skipping positions a caller rules out. ServerPoolIndex keeps its servers here, one
// position per server in server-id order (so ties break on the lowest id for free), when its
// headroom window is too wide for the O(1) BucketQueue it uses otherwise.
//
// Every node stores its subtree's winner as one 64-bit value, (key << 32) | position, so the
// plain comparison of two values is the whole rule (smaller key, then lower position) and the
// root *is* the answer:
//   - best() with nothing skipped is O(1), a read of the root, with no walk and no branches
//     that depend on the data;
//   - best(skip) asks skip() only about winners it meets and descends only below a skipped
//     one: O(log n) per skipped position, not per position;
//   - set() rewrites a leaf and climbs only while an ancestor's winner changes. Values are
//     unique (the position is part of them), so an unchanged ancestor proves every node above
//     it unchanged too.
//
// Why not std::set: a set node per server means a cache miss per tree level and an
// extract/insert per change; here a change rewrites one leaf and its ancestors in one
// contiguous array (a 10k-server pool's tree is 256 KiB), and nothing is allocated once sized.
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
    Key key(std::size_t position) const { return key_of(nodes_[leaves_ + position]); }

    // The position with the smallest key (ties: the lowest position), or npos when every
    // position is empty. O(1).
    std::size_t best() const { return leaves_ == 0 ? npos : position_of(nodes_[1]); }
    // The same, leaving out positions for which skip(position) is true (npos when nothing
    // is left). `skip` is asked only about candidates that would otherwise win, and at most
    // once each, so the cost is O(log n) per skipped position.
    template <class Skip>
    std::size_t best(const Skip& skip) const {
        if (leaves_ == 0 || nodes_[1] == kNone) return npos;
        Node root = nodes_[1];
        if (!skip(position_of(root))) return position_of(root);
        Node found = kNone;
        below_skipped(1, root, skip, found);
        return position_of(found);
    }

private:
    using Node = std::uint64_t;  // (key << 32) | position; kNone for an empty subtree
    static constexpr Node kNone = std::numeric_limits<Node>::max();

    static Node node_of(Key key, std::size_t position) {
        return key == kEmpty ? kNone : (Node{key} << 32) | static_cast<Node>(position);
    }
    static Key key_of(Node n) { return static_cast<Key>(n >> 32); }
    static std::size_t position_of(Node n) {
        return n == kNone ? npos : static_cast<std::size_t>(n & 0xffffffffu);
    }

    // `node`'s winner `skipped` was ruled out: lowers `found` to the best value in the
    // subtree that is not skipped. The child that holds `skipped` is known to be ruled out
    // without asking again. It goes first, being the smaller: the runner-up is usually close
    // to the skipped position (equal keys sit next to each other by position), and once it is
    // found the sibling is pruned by one compare instead of costing a skip() question.
    template <class Skip>
    void below_skipped(std::size_t node, Node skipped, const Skip& skip, Node& found) const {
        if (node >= leaves_) return;  // the skipped leaf itself
        std::size_t left = 2 * node, right = left + 1;
        bool left_holds = nodes_[left] == skipped;
        below_skipped(left_holds ? left : right, skipped, skip, found);
        consider(left_holds ? right : left, skip, found);
    }
    template <class Skip>
    void consider(std::size_t node, const Skip& skip, Node& found) const {
        Node v = nodes_[node];
        if (v >= found) return;  // empty, or cannot beat what was found
        if (!skip(position_of(v))) {
            found = v;
            return;
        }
        below_skipped(node, v, skip, found);
    }

    void rebuild_inner();

    std::size_t leaves_ = 0;  // a power of two (or 0)
    std::vector<Node> nodes_;  // heap layout: root at 1, leaves at [leaves_, 2 * leaves_)
};

}  // namespace tidepool::placement
