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

void SessionRegistry::record(std::string_view session_id, Entry entry) {
    std::uint32_t slot = sessions_.insert(session_id).first;
    if (slot >= entries_.size()) entries_.resize(sessions_.slot_limit());
    entries_[slot] = entry;
}

std::optional<Slot> SessionRegistry::place(std::string_view session_id, std::string_view user,
                                           model::SessionKind kind) {
    if (sessions_.find(session_id) != InternTable::kNone) return std::nullopt;
    UserKey key = users_.insert(user).first;
    auto slot = index_.choose(key, kind);
    if (!slot) return std::nullopt;
    index_.place(*slot, key, kind);
    record(session_id, Entry{*slot, key, kind});
    return slot;
}

bool SessionRegistry::restore(std::string_view session_id, const model::Id& server_id,
                              std::string_view user, model::SessionKind kind) {
    auto slot = index_.find(server_id);
    if (!slot || sessions_.find(session_id) != InternTable::kNone) return false;
    UserKey key = users_.insert(user).first;
    index_.place(*slot, key, kind);
    record(session_id, Entry{*slot, key, kind});
    return true;
}

std::optional<SessionRegistry::Entry> SessionRegistry::end(std::string_view session_id) {
    std::uint32_t slot = sessions_.find(session_id);
    if (slot == InternTable::kNone) return std::nullopt;
    Entry entry = entries_[slot];
    index_.end(entry.slot, entry.user, entry.kind);
    sessions_.erase(slot);
    return entry;
}

const SessionRegistry::Entry* SessionRegistry::find(std::string_view session_id) const {
    std::uint32_t slot = sessions_.find(session_id);
    return slot == InternTable::kNone ? nullptr : &entries_[slot];
}

}  // namespace tidepool::placement
