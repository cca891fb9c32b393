#include "placement/min_tree.h"

#include <algorithm>
#include <bit>

namespace tidepool::placement {

void MinTree::reset(std::size_t positions) {
    leaves_ = positions == 0 ? 0 : std::bit_ceil(positions);
    nodes_.assign(2 * leaves_, kEmpty);
}

void MinTree::assign(const std::vector<Key>& keys, std::size_t room) {
    std::size_t wanted = std::max(keys.size(), room);
    if (wanted > leaves_) leaves_ = std::bit_ceil(wanted);
    nodes_.assign(2 * leaves_, kEmpty);
    std::copy(keys.begin(), keys.end(), nodes_.begin() + static_cast<std::ptrdiff_t>(leaves_));
    rebuild_inner();
}

void MinTree::rebuild_inner() {
    for (std::size_t node = leaves_; node-- > 1;)
        nodes_[node] = std::min(nodes_[2 * node], nodes_[2 * node + 1]);
}

void MinTree::set(std::size_t position, Key key) {
    std::size_t node = leaves_ + position;
    nodes_[node] = key;
    // Climb while the parent's minimum actually changes: most updates stop within a level
    // or two, because a sibling still holds the same minimum.
    for (node /= 2; node >= 1; node /= 2) {
        Key smallest = std::min(nodes_[2 * node], nodes_[2 * node + 1]);
        if (nodes_[node] == smallest) break;
        nodes_[node] = smallest;
    }
}

}  // namespace tidepool::placement
