// The placed sessions of one server pool, held next to its ServerPoolIndex so that placing and
// ending a session by id is O(1) + O(log servers) and — once warm — allocates nothing: session
// and user entries are hash nodes recycled through free lists instead of freed.
//
// The runtime keeps one per pool, rebuilt from the store at start (restore()) and kept current
// on every place and end; the store stays the durable record, this is the fast view of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "placement/server_index.h"

namespace tidepool::placement {

class SessionRegistry {
public:
    struct Entry {
        Slot slot = 0;
        UserKey user = 0;
        model::SessionKind kind = model::SessionKind::desktop;
    };

    explicit SessionRegistry(model::PlacementStrategy strategy);

    // Pre-sizes for this many servers, users and placed sessions.
    void reserve(std::size_t servers, std::size_t users, std::size_t sessions);

    ServerPoolIndex& servers() { return index_; }
    const ServerPoolIndex& servers() const { return index_; }
    model::PlacementStrategy strategy() const { return strategy_; }

    // Chooses a server for the session and records it there; nullopt when none can take it
    // (nothing is recorded). A session id already placed is refused (nullopt).
    std::optional<Slot> place(const model::Id& session_id, const std::string& user,
                              model::SessionKind kind);
    // Records a session the store already has on a known server (start-up, adoption).
    // False when the server is unknown or the id is already recorded.
    bool restore(const model::Id& session_id, const model::Id& server_id,
                 const std::string& user, model::SessionKind kind);
    // Forgets a placed session and frees its slot; nullopt when it is not placed here.
    std::optional<Entry> end(const model::Id& session_id);

    const Entry* find(const model::Id& session_id) const;
    std::size_t size() const { return sessions_.size(); }

private:
    using Sessions = std::unordered_map<model::Id, Entry>;
    UserKey intern(const std::string& user);
    void record(const model::Id& session_id, Entry entry);

    model::PlacementStrategy strategy_;
    ServerPoolIndex index_;
    std::unordered_map<std::string, UserKey> users_;
    Sessions sessions_;
    std::vector<Sessions::node_type> spare_nodes_;  // ended sessions' nodes, reused
};

}  // namespace tidepool::placement
