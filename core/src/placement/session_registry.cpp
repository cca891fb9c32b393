#include "placement/session_registry.h"

namespace tidepool::placement {

SessionRegistry::SessionRegistry(model::PlacementStrategy strategy)
    : strategy_(strategy), index_(strategy) {}

void SessionRegistry::reserve(std::size_t servers, std::size_t users, std::size_t sessions) {
    // Each placed session adds at most one (user, server) pair.
    index_.reserve(servers, users, sessions);
    users_.reserve(users);
    sessions_.reserve(sessions);
}

std::uint64_t SessionRegistry::pack(Entry entry) {
    std::uint64_t kind = entry.kind == model::SessionKind::desktop ? 1u << 31 : 0;
    return std::uint64_t{entry.user} << 32 | kind | (entry.slot & 0x7fffffffu);
}

SessionRegistry::Entry SessionRegistry::unpack(std::uint64_t value) {
    auto low = static_cast<std::uint32_t>(value);
    return Entry{low & 0x7fffffffu, static_cast<UserKey>(value >> 32),
                 (low >> 31) != 0 ? model::SessionKind::desktop : model::SessionKind::app};
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
    sessions_.set_value(session_id, id_hash, pack(Entry{*slot, key, kind}));  // lines still hot
    return slot;
}

bool SessionRegistry::restore(std::string_view session_id, const model::Id& server_id,
                              std::string_view user, model::SessionKind kind) {
    auto slot = index_.find(server_id);
    if (!slot) return false;
    // As in place(): claiming the id is the duplicate check.
    std::uint32_t hash = InternTable::hash_key(session_id);
    if (!sessions_.insert(session_id, hash).second) return false;
    UserKey key = users_.insert(user).first;
    index_.place(*slot, key, kind);
    sessions_.set_value(session_id, hash, pack(Entry{*slot, key, kind}));
    return true;
}

std::optional<SessionRegistry::Entry> SessionRegistry::end(std::string_view session_id) {
    // The placement sits in the id's bucket: start loading the user's presence row from it
    // while the id is still being compared (a wrong guess costs one wasted load).
    std::uint32_t hash = InternTable::hash_key(session_id);
    if (std::uint64_t guess = 0; sessions_.likely_value(hash, guess))
        index_.prefetch(unpack(guess).user);
    std::uint64_t value = 0;
    if (sessions_.erase_key(session_id, hash, &value) == InternTable::kNone) return std::nullopt;
    Entry entry = unpack(value);
    index_.end(entry.slot, entry.user, entry.kind);
    return entry;
}

std::optional<SessionRegistry::Entry> SessionRegistry::find(std::string_view session_id) const {
    std::uint64_t value = 0;
    if (!sessions_.find_value(session_id, value)) return std::nullopt;
    return unpack(value);
}

}  // namespace tidepool::placement
