#include "placement/server_index.h"

#include <algorithm>
#include <climits>

namespace tidepool::placement {

namespace {
// Above this the bucket queue's bitsets would crowd the caches they are meant to stay in, and
// the tree's O(log n) is the better deal: 16 MiB is limits up to ~13k at 10k servers.
constexpr std::size_t kBucketBudget = std::size_t{16} << 20;
}  // namespace

ServerPoolIndex::ServerPoolIndex(model::PlacementStrategy strategy) : strategy_(strategy) {}

void ServerPoolIndex::reserve(std::size_t servers, std::size_t users, std::size_t pairs) {
    servers_.reserve(servers);
    ids_.reserve(servers);
    position_.reserve(servers);
    by_position_.reserve(servers);
    slots_.reserve(servers);
    // Five servers per user are inline; room for a quarter of the pairs to spill beyond that
    // is generous (the slab still grows during warm-up if a pool needs more, then stays).
    presence_.reserve(users, pairs / 4);
    if (servers > order_capacity()) rebuild_order(servers);
}

// Smaller wins. Headroom is 0..INT_MAX, so both ranks stay below MinTree::kEmpty.
inline MinTree::Key ServerPoolIndex::rank_of(int room) const {
    auto r = static_cast<MinTree::Key>(room);
    return strategy_ == model::PlacementStrategy::breadth_first ? INT_MAX - r : r;
}

// A server that cannot take a session from anyone (unavailable, or no headroom) holds no key.
inline MinTree::Key ServerPoolIndex::key_for(bool available, int room) const {
    return available && room > 0 ? rank_of(room) : MinTree::kEmpty;
}

inline MinTree::Key ServerPoolIndex::tree_key(Slot slot) const {
    return key_for(servers_[slot].available, headroom(slot));
}

inline void ServerPoolIndex::set_key(Slot slot, MinTree::Key key) {
    if (bucketed_) buckets_.set(position_[slot], key);
    else order_.set(position_[slot], key);
}

template <class Change>
inline void ServerPoolIndex::update(Slot slot, const Change& change) {
    Server& s = servers_[slot];
    int before = headroom(slot);
    change(s);
    int after = headroom(slot);
    if (!s.available) return;  // an unavailable server holds no key, before or after
    pool_headroom_ += after - before;
    set_key(slot, key_for(true, after));
}

Slot ServerPoolIndex::add_server(const model::Id& id, int max_sessions, int max_users) {
    cover_headroom(std::min(max_sessions, max_users));
    if (auto known = find(id)) {
        update(*known, [&](Server& s) {
            s.max_sessions = max_sessions;
            s.max_users = max_users;
        });
        return *known;
    }
    auto slot = static_cast<Slot>(servers_.size());
    servers_.push_back(Server{max_sessions, max_users, 0, 0, false});
    ids_.push_back(id);
    slots_.emplace(id, slot);
    insert_in_id_order(slot);
    return slot;
}

void ServerPoolIndex::insert_in_id_order(Slot slot) {
    const model::Id& id = ids_[slot];
    auto at = std::upper_bound(by_position_.begin(), by_position_.end(), id,
                               [this](const model::Id& a, Slot b) { return a < ids_[b]; });
    bool last = at == by_position_.end();
    by_position_.insert(at, slot);
    position_.push_back(static_cast<std::uint32_t>(by_position_.size() - 1));
    // A new server is unavailable, so its position starts (and stays) empty: appending needs
    // no tree change at all. Anything else shifts positions and rebuilds the tree.
    if (!last || by_position_.size() > order_capacity()) rebuild_order(by_position_.size());
}

void ServerPoolIndex::rebuild_order(std::size_t room) {
    std::vector<MinTree::Key> keys(by_position_.size());
    for (std::size_t pos = 0; pos < by_position_.size(); ++pos) {
        Slot slot = by_position_[pos];
        position_[slot] = static_cast<std::uint32_t>(pos);
        keys[pos] = tree_key(slot);
    }
    // Growing by doubling keeps a run of appends amortised O(1) (buckets) or O(log n) each.
    std::size_t capacity = order_capacity();
    capacity = room > capacity ? std::max(room, 2 * capacity) : capacity;
    auto span = static_cast<std::size_t>(span_);
    bucketed_ = BucketQueue::bytes_for(capacity, span) <= kBucketBudget;
    if (bucketed_) {
        bool breadth = strategy_ == model::PlacementStrategy::breadth_first;
        buckets_.assign(keys, capacity, breadth ? rank_of(span_) : rank_of(1), span);
        order_ = MinTree{};
    } else {
        order_.assign(keys, capacity);
        buckets_ = BucketQueue{};
    }
}

void ServerPoolIndex::cover_headroom(int room) {
    if (room <= span_) return;
    // Doubling, as for positions: a run of servers with ever larger limits rebuilds O(log)
    // times, not once per server.
    span_ = std::max(room, span_ > INT_MAX / 2 ? INT_MAX : 2 * span_);
    rebuild_order(by_position_.size());
}

std::size_t ServerPoolIndex::order_capacity() const {
    return bucketed_ ? buckets_.capacity() : order_.capacity();
}

// The best position open to anyone; with skip_desktops, leaving out this user's desktop
// servers.
std::size_t ServerPoolIndex::order_best(UserKey user, bool skip_desktops) const {
    if (!skip_desktops) return bucketed_ ? buckets_.best() : order_.best();
    auto holds_desktop = [&](std::size_t pos) {
        const UserPresence::Entry* e = presence_.find(user, by_position_[pos]);
        return e && e->desktops > 0;
    };
    return bucketed_ ? buckets_.best(holds_desktop) : order_.best(holds_desktop);
}

std::optional<Slot> ServerPoolIndex::find(const model::Id& id) const {
    auto it = slots_.find(id);
    if (it == slots_.end()) return std::nullopt;
    return it->second;
}

void ServerPoolIndex::set_available(Slot slot, bool available) {
    Server& s = servers_[slot];
    if (s.available == available) return;
    pool_headroom_ += available ? headroom(slot) : -headroom(slot);
    s.available = available;
    set_key(slot, tree_key(slot));
}

std::optional<Slot> ServerPoolIndex::choose(UserKey user, model::SessionKind kind) const {
    const bool desktop = kind == model::SessionKind::desktop;
    // Breadth-first, a server the user is already on cannot beat the order's winner: if it
    // has headroom it is in the order under the same key, and if not it ranks below every
    // server that has. So an app request needs the user's own servers (and their cache miss)
    // only when no server has headroom left.
    if (!desktop && strategy_ == model::PlacementStrategy::breadth_first) {
        // place() will read the row: start the load now, so that it overlaps whatever the
        // caller is still waiting on (typically the row of a session it just ended).
        presence_.prefetch(user);
        std::size_t open = order_best(user, false);
        if (open != MinTree::npos) return by_position_[open];
    }
    std::size_t best = MinTree::npos;
    MinTree::Key best_key = MinTree::kEmpty;
    auto consider = [&](MinTree::Key key, std::size_t pos) {
        if (key < best_key || (key == best_key && pos < best)) {
            best = pos;
            best_key = key;
        }
    };
    // Servers the user is already on need no new user slot, only a free session.
    int desktops = 0;
    presence_.for_each(user, [&](const UserPresence::Entry& e) {
        desktops += e.desktops;
        const Server& s = servers_[e.server];
        if (!s.available || s.sessions >= s.max_sessions) return;
        if (desktop && e.desktops > 0) return;
        consider(rank_of(headroom(e.server)), position_[e.server]);
    });
    // The best server open to anyone, skipping only this user's desktop servers.
    std::size_t open = order_best(user, desktop && desktops > 0);
    if (open != MinTree::npos) consider(bucketed_ ? buckets_.key(open) : order_.key(open), open);
    if (best == MinTree::npos) return std::nullopt;
    return by_position_[best];
}

void ServerPoolIndex::place(Slot slot, UserKey user, model::SessionKind kind) {
    update(slot, [&](Server& s) {
        bool added = false;
        UserPresence::Entry& e = presence_.find_or_add(user, slot, added);
        if (added) ++s.users;
        ++e.sessions;
        if (kind == model::SessionKind::desktop) ++e.desktops;
        ++s.sessions;
    });
}

void ServerPoolIndex::end(Slot slot, UserKey user, model::SessionKind kind) {
    UserPresence::Entry* e = presence_.find(user, slot);
    if (!e || e->sessions == 0) return;
    update(slot, [&](Server& s) {
        --e->sessions;
        --s.sessions;
        if (kind == model::SessionKind::desktop && e->desktops > 0) --e->desktops;
        if (e->sessions > 0) return;
        presence_.remove(user, slot);
        --s.users;
    });
}

}  // namespace tidepool::placement
