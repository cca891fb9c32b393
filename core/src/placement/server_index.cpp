#include "placement/server_index.h"

#include <algorithm>

namespace tidepool::placement {

namespace {
constexpr std::size_t kPresenceReserve = 4;
}  // namespace

bool ServerPoolIndex::KeyLess::operator()(const Key& a, const Key& b) const {
    if (a.rank != b.rank) return a.rank < b.rank;
    // Deterministic tie-break on the server id (ids never change once a slot exists).
    return (*servers)[a.slot].id < (*servers)[b.slot].id;
}

ServerPoolIndex::ServerPoolIndex(model::PlacementStrategy strategy)
    : strategy_(strategy), order_(KeyLess{&servers_}), spare_(KeyLess{&servers_}) {}

void ServerPoolIndex::reserve(std::size_t servers, std::size_t users) {
    servers_.reserve(servers);
    where_.reserve(servers);
    slots_.reserve(servers);
    // Each user's list starts with room for a few servers, so a user spreading desktops over
    // several servers does not grow (allocate) in the steady state.
    std::size_t known = presence_.size();
    if (users > known) {
        presence_.resize(users);
        for (std::size_t u = known; u < users; ++u) presence_[u].reserve(kPresenceReserve);
    }
}

int ServerPoolIndex::headroom(Slot slot) const {
    const Server& s = servers_[slot];
    return std::max(0, std::min(s.max_sessions - s.sessions, s.max_users - s.users));
}

int ServerPoolIndex::rank_of(Slot slot) const {
    int room = headroom(slot);
    return strategy_ == model::PlacementStrategy::breadth_first ? -room : room;
}

Slot ServerPoolIndex::add_server(const model::Id& id, int max_sessions, int max_users) {
    if (auto known = find(id)) {
        Server& s = servers_[*known];
        if (s.available) pool_headroom_ -= headroom(*known);
        s.max_sessions = max_sessions;
        s.max_users = max_users;
        if (s.available) pool_headroom_ += headroom(*known);
        reindex(*known);
        return *known;
    }
    auto slot = static_cast<Slot>(servers_.size());
    servers_.push_back(Server{id, max_sessions, max_users, 0, 0, false, false});
    slots_.emplace(id, slot);
    // Every server owns exactly one set node for life: parked in spare_ while it cannot take
    // sessions, moved into order_ when it can. Moving a node never allocates.
    where_.push_back(spare_.insert(Key{0, slot}).first);
    return slot;
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
    reindex(slot);
}

void ServerPoolIndex::reindex(Slot slot) {
    Server& s = servers_[slot];
    bool want = s.available && headroom(slot) > 0;
    int rank = want ? rank_of(slot) : 0;
    if (want == s.indexed && where_[slot]->rank == rank) return;
    auto node = (s.indexed ? order_ : spare_).extract(where_[slot]);
    node.value().rank = rank;
    where_[slot] = (want ? order_ : spare_).insert(std::move(node)).position;
    s.indexed = want;
}

const ServerPoolIndex::Presence* ServerPoolIndex::presence(UserKey user, Slot slot) const {
    if (user >= presence_.size()) return nullptr;
    for (const Presence& p : presence_[user])
        if (p.slot == slot) return &p;
    return nullptr;
}

std::optional<Slot> ServerPoolIndex::choose(UserKey user, model::SessionKind kind) const {
    const bool desktop = kind == model::SessionKind::desktop;
    std::optional<Key> best;
    auto consider = [&](Key k) {
        if (!best || better(k, *best)) best = k;
    };
    // Servers the user is already on need no new user slot, only a free session.
    if (user < presence_.size()) {
        for (const Presence& p : presence_[user]) {
            const Server& s = servers_[p.slot];
            if (!s.available || s.sessions >= s.max_sessions) continue;
            if (desktop && p.desktops > 0) continue;
            consider(Key{rank_of(p.slot), p.slot});
        }
    }
    // The best server open to anyone, skipping only this user's desktop servers.
    for (const Key& k : order_) {
        if (desktop) {
            const Presence* p = presence(user, k.slot);
            if (p && p->desktops > 0) continue;
        }
        consider(k);
        break;
    }
    if (!best) return std::nullopt;
    return best->slot;
}

ServerPoolIndex::Presence& ServerPoolIndex::presence_for_update(UserKey user, Slot slot) {
    if (user >= presence_.size()) {
        presence_.resize(user + 1);
        presence_[user].reserve(kPresenceReserve);
    }
    for (Presence& p : presence_[user])
        if (p.slot == slot) return p;
    ++servers_[slot].users;
    return presence_[user].emplace_back(Presence{slot, 0, 0});
}

void ServerPoolIndex::place(Slot slot, UserKey user, model::SessionKind kind) {
    Server& s = servers_[slot];
    if (s.available) pool_headroom_ -= headroom(slot);
    Presence& p = presence_for_update(user, slot);
    ++p.sessions;
    if (kind == model::SessionKind::desktop) ++p.desktops;
    ++s.sessions;
    if (s.available) pool_headroom_ += headroom(slot);
    reindex(slot);
}

void ServerPoolIndex::end(Slot slot, UserKey user, model::SessionKind kind) {
    if (user >= presence_.size()) return;
    auto& list = presence_[user];
    auto it = std::find_if(list.begin(), list.end(),
                           [slot](const Presence& p) { return p.slot == slot; });
    if (it == list.end() || it->sessions == 0) return;
    Server& s = servers_[slot];
    if (s.available) pool_headroom_ -= headroom(slot);
    --it->sessions;
    --s.sessions;
    if (kind == model::SessionKind::desktop && it->desktops > 0) --it->desktops;
    if (it->sessions == 0) {
        *it = list.back();  // order within a user's list does not matter
        list.pop_back();
        --s.users;
    }
    if (s.available) pool_headroom_ += headroom(slot);
    reindex(slot);
}

}  // namespace tidepool::placement
