#include "placement/min_tree.h"

#include <algorithm>
#include <bit>

namespace tidepool::placement {

void MinTree::reset(std::size_t positions) {
    leaves_ = positions == 0 ? 0 : std::bit_ceil(positions);
    nodes_.assign(2 * leaves_, kNone);
}

void MinTree::assign(const std::vector<Key>& keys, std::size_t room) {
    std::size_t wanted = std::max(keys.size(), room);
    if (wanted > leaves_) leaves_ = std::bit_ceil(wanted);
    nodes_.assign(2 * leaves_, kNone);
    for (std::size_t pos = 0; pos < keys.size(); ++pos)
        nodes_[leaves_ + pos] = node_of(keys[pos], pos);
    rebuild_inner();
}

void MinTree::rebuild_inner() {
    for (std::size_t node = leaves_; node-- > 1;)
        nodes_[node] = std::min(nodes_[2 * node], nodes_[2 * node + 1]);
}

void MinTree::set(std::size_t position, Key key) {
    std::size_t node = leaves_ + position;
    nodes_[node] = node_of(key, position);
    // Climb while the winner changes. Most changes stop early: ending a session on a server
    // that does not become its subtree's winner changes nothing above the first level where
    // it loses. Placing on the winner itself climbs to the root, 14 levels at 10k servers,
    // each one sibling read and a compare the branch predictor does not have to guess.
    for (node /= 2; node >= 1; node /= 2) {
        Node winner = std::min(nodes_[2 * node], nodes_[2 * node + 1]);
        if (nodes_[node] == winner) break;
        nodes_[node] = winner;
    }
}

}  // namespace tidepool::placement
