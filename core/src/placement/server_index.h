// The indexed placement structure for one server pool (DESIGN §2): which running server takes a
// new session, in O(log n) of the pool's servers, allocating nothing once warm.
//
// Servers that can take a session from anyone (headroom > 0, available) sit in one ordered set
// keyed by (headroom rank, server id): breadth-first ranks the most headroom first (even
// distribution), depth-first the least (fill one server before the next). A request starts
// at the front and skips only servers where this user already holds a desktop, so it looks at
// no more than 1 + (the user's desktops) entries. Servers where the user already has sessions
// are checked from the user's own presence list, because a server whose user slots are full
// can still take more sessions from a user who is already on it.
//
// Updates extract and re-insert the set node (no allocation). Users are interned to dense
// integers by the caller (see SessionRegistry), so presence lookups are vector indexing.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"

namespace tidepool::placement {

using Slot = std::uint32_t;     // a server's dense index within one pool index
using UserKey = std::uint32_t;  // a user's dense index (interned by the caller)

class ServerPoolIndex {
public:
    explicit ServerPoolIndex(model::PlacementStrategy strategy);
    ServerPoolIndex(const ServerPoolIndex&) = delete;
    ServerPoolIndex& operator=(const ServerPoolIndex&) = delete;

    // Pre-sizes for this many servers and users so a warm index never allocates.
    void reserve(std::size_t servers, std::size_t users);

    // Adds a server, unavailable until set_available(true); an id seen before keeps its slot
    // and gets the new limits.
    Slot add_server(const model::Id& id, int max_sessions, int max_users);
    // Available = running and not draining. Unavailable servers keep their sessions but take
    // no new ones.
    void set_available(Slot slot, bool available);
    std::optional<Slot> find(const model::Id& id) const;

    // The server for this user's new session, or nullopt (the caller queues the request).
    std::optional<Slot> choose(UserKey user, model::SessionKind kind) const;
    // Record a session placed on / ended on a server. end() of a session that was never
    // placed is ignored rather than corrupting the counts.
    void place(Slot slot, UserKey user, model::SessionKind kind);
    void end(Slot slot, UserKey user, model::SessionKind kind);

    const model::Id& id_of(Slot slot) const { return servers_[slot].id; }
    int sessions_on(Slot slot) const { return servers_[slot].sessions; }
    int users_on(Slot slot) const { return servers_[slot].users; }
    // min(sessions left, new users left), never negative.
    int headroom(Slot slot) const;
    // Sum of headroom over available servers (the pool's free capacity).
    std::int64_t pool_headroom() const { return pool_headroom_; }
    std::size_t server_count() const { return servers_.size(); }

private:
    struct Server {
        model::Id id;
        int max_sessions = 0;
        int max_users = 0;
        int sessions = 0;
        int users = 0;  // distinct users with at least one session here
        bool available = false;
        bool indexed = false;  // in order_ (available and headroom > 0)
    };
    struct Presence {
        Slot slot = 0;
        int sessions = 0;
        int desktops = 0;
    };
    struct Key {
        int rank = 0;  // smaller first
        Slot slot = 0;
    };
    struct KeyLess {
        const std::vector<Server>* servers;
        bool operator()(const Key& a, const Key& b) const;
    };
    using Order = std::set<Key, KeyLess>;

    int rank_of(Slot slot) const;
    void reindex(Slot slot);  // after any change to the server's counts or availability
    const Presence* presence(UserKey user, Slot slot) const;
    Presence& presence_for_update(UserKey user, Slot slot);
    bool better(const Key& a, const Key& b) const { return order_.key_comp()(a, b); }

    model::PlacementStrategy strategy_;
    std::vector<Server> servers_;
    std::vector<Order::iterator> where_;  // valid while servers_[slot].indexed
    std::vector<std::vector<Presence>> presence_;  // by user
    std::unordered_map<model::Id, Slot> slots_;
    Order order_;
    Order spare_;  // holds extracted-but-unused nodes so re-indexing never allocates
    std::int64_t pool_headroom_ = 0;
};

}  // namespace tidepool::placement
