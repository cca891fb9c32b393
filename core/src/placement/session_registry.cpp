#include "placement/session_registry.h"

namespace tidepool::placement {

SessionRegistry::SessionRegistry(model::PlacementStrategy strategy)
    : strategy_(strategy), index_(strategy) {}

void SessionRegistry::reserve(std::size_t servers, std::size_t users, std::size_t sessions) {
    index_.reserve(servers, users);
    users_.reserve(users);
    sessions_.reserve(sessions);
    spare_nodes_.reserve(sessions);
}

UserKey SessionRegistry::intern(const std::string& user) {
    // Users are never forgotten: a key is 4 bytes plus the name, and keeping them means a
    // returning user costs no allocation. Bounded by the distinct users a pool ever served.
    auto [it, added] = users_.try_emplace(user, static_cast<UserKey>(users_.size()));
    (void)added;
    return it->second;
}

void SessionRegistry::record(const model::Id& session_id, Entry entry) {
    if (spare_nodes_.empty()) {
        sessions_.emplace(session_id, entry);
        return;
    }
    Sessions::node_type node = std::move(spare_nodes_.back());
    spare_nodes_.pop_back();
    node.key() = session_id;  // reuses the string's buffer when it is large enough
    node.mapped() = entry;
    sessions_.insert(std::move(node));
}

std::optional<Slot> SessionRegistry::place(const model::Id& session_id, const std::string& user,
                                           model::SessionKind kind) {
    if (sessions_.count(session_id)) return std::nullopt;
    UserKey key = intern(user);
    auto slot = index_.choose(key, kind);
    if (!slot) return std::nullopt;
    index_.place(*slot, key, kind);
    record(session_id, Entry{*slot, key, kind});
    return slot;
}

bool SessionRegistry::restore(const model::Id& session_id, const model::Id& server_id,
                              const std::string& user, model::SessionKind kind) {
    auto slot = index_.find(server_id);
    if (!slot || sessions_.count(session_id)) return false;
    UserKey key = intern(user);
    index_.place(*slot, key, kind);
    record(session_id, Entry{*slot, key, kind});
    return true;
}

std::optional<SessionRegistry::Entry> SessionRegistry::end(const model::Id& session_id) {
    auto it = sessions_.find(session_id);
    if (it == sessions_.end()) return std::nullopt;
    Entry entry = it->second;
    index_.end(entry.slot, entry.user, entry.kind);
    spare_nodes_.push_back(sessions_.extract(it));
    return entry;
}

const SessionRegistry::Entry* SessionRegistry::find(const model::Id& session_id) const {
    auto it = sessions_.find(session_id);
    return it == sessions_.end() ? nullptr : &it->second;
}

}  // namespace tidepool::placement
