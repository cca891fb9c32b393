#include "placement/session_registry.h"

namespace tidepool::placement {

SessionRegistry::SessionRegistry(model::PlacementStrategy strategy)
    : strategy_(strategy), index_(strategy) {}

void SessionRegistry::reserve(std::size_t servers, std::size_t users, std::size_t sessions) {
    // Each placed session adds at most one (user, server) pair.
    index_.reserve(servers, users, sessions);
    users_.reserve(users);
    sessions_.reserve(sessions);
    entries_.reserve(sessions);
}

std::optional<Slot> SessionRegistry::place(std::string_view session_id, std::string_view user,
                                           model::SessionKind kind) {
    // Both lookups miss the cache (16 MB and 8 MB of buckets at 1M sessions): start both
    // loads before waiting on either.
    std::uint32_t id_hash = InternTable::hash_key(session_id);
    std::uint32_t user_hash = InternTable::hash_key(user);
    sessions_.prefetch(id_hash);
    users_.prefetch(user_hash);
    // Claim the id first (one lookup serves the duplicate check and the insert) and give it
    // back in the rarer case that no server can take the session.
    auto [id_slot, fresh] = sessions_.insert(session_id, id_hash);
    if (!fresh) return std::nullopt;
    // The user's presence row is the next miss: start it from the bucket's slot while the
    // name is still being compared (a wrong guess costs one wasted load).
    if (std::uint32_t guess = users_.likely_slot(user_hash); guess != InternTable::kNone)
        index_.prefetch(guess);
    UserKey key = users_.insert(user, user_hash).first;
    auto slot = index_.choose(key, kind);
    if (!slot) {
        sessions_.erase(id_slot);
        return std::nullopt;
    }
    index_.place(*slot, key, kind);
    store_entry(id_slot, Entry{*slot, key, kind});
    return slot;
}

void SessionRegistry::store_entry(std::uint32_t id_slot, Entry entry) {
    if (id_slot >= entries_.size()) entries_.resize(sessions_.slot_limit());
    entries_[id_slot] = entry;
}

bool SessionRegistry::restore(std::string_view session_id, const model::Id& server_id,
                              std::string_view user, model::SessionKind kind) {
    auto slot = index_.find(server_id);
    if (!slot || sessions_.find(session_id) != InternTable::kNone) return false;
    UserKey key = users_.insert(user).first;
    index_.place(*slot, key, kind);
    store_entry(sessions_.insert(session_id).first, Entry{*slot, key, kind});
    return true;
}

std::optional<SessionRegistry::Entry> SessionRegistry::end(std::string_view session_id) {
    // As in place(): start the entry's load from the bucket's slot while the id is compared.
    std::uint32_t hash = InternTable::hash_key(session_id);
    if (std::uint32_t guess = sessions_.likely_slot(hash); guess < entries_.size())
        __builtin_prefetch(&entries_[guess]);
    std::uint32_t slot = sessions_.erase_key(session_id, hash);
    if (slot == InternTable::kNone) return std::nullopt;
    Entry entry = entries_[slot];  // still intact: a freed slot is only reused by an insert
    index_.end(entry.slot, entry.user, entry.kind);
    return entry;
}

const SessionRegistry::Entry* SessionRegistry::find(std::string_view session_id) const {
    std::uint32_t slot = sessions_.find(session_id);
    return slot == InternTable::kNone ? nullptr : &entries_[slot];
}

}  // namespace tidepool::placement
