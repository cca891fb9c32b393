// The indexed placement structure for one server pool (DESIGN §2, docs/placement.md): which
// running server takes a new session, in O(1) of the pool's servers for the usual limits,
// allocating nothing once reserved.
//
// Servers sit at dense positions in server-id order, keyed by their headroom rank
// (breadth-first: most headroom wins, for even distribution; depth-first: least headroom wins,
// to fill one server before the next); servers that cannot take a session from anyone
// (unavailable, or no headroom) hold no key. Headroom is a small integer, at most the largest
// min(max_sessions, max_users) the pool has seen, so the ranks live in a BucketQueue: one
// position bitset per headroom value, O(1) to update and to ask for the winner, ties going to
// the lowest id because positions follow ids. Only when that window is too wide for the
// bucket memory budget (per-server caps in the tens of thousands or unlimited) does the index
// fall back to a MinTree, O(log n). A desktop request skips the servers where this user
// already holds a desktop (O(1) each with buckets, O(log n) with the tree), and the servers
// where the user already is are checked from the user's own presence list, because a server
// whose user slots are full can still take more sessions from a user who is already on it. A
// decision is therefore O(1 + the user's own servers).
//
// Adding a server whose id sorts after every known id (the runtime's sortable ids always do)
// is amortised O(1); one that sorts in between renumbers the positions after it, O(n), which
// only a new machine can cause, never a session; so does a limit above every earlier one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"
#include "placement/bucket_queue.h"
#include "placement/min_tree.h"
#include "placement/user_presence.h"

namespace tidepool::placement {

class ServerPoolIndex {
public:
    explicit ServerPoolIndex(model::PlacementStrategy strategy);
    ServerPoolIndex(const ServerPoolIndex&) = delete;
    ServerPoolIndex& operator=(const ServerPoolIndex&) = delete;

    // Pre-sizes for this many servers, users and (user, server) pairs (at most one per placed
    // session) so that placing and ending sessions never allocates.
    void reserve(std::size_t servers, std::size_t users, std::size_t pairs = 0);

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
    // Starts loading what choose/place/end will read for this user (their presence row), so a
    // caller that learns the user early overlaps that miss with its own work. A hint only.
    void prefetch(UserKey user) const { presence_.prefetch(user); }

    const model::Id& id_of(Slot slot) const { return ids_[slot]; }
    int sessions_on(Slot slot) const { return servers_[slot].sessions; }
    int users_on(Slot slot) const { return servers_[slot].users; }
    // min(sessions left, new users left), never negative.
    int headroom(Slot slot) const {  // inline: every place and end computes it twice
        const Server& s = servers_[slot];
        int room = std::min(s.max_sessions - s.sessions, s.max_users - s.users);
        return room > 0 ? room : 0;
    }
    // Sum of headroom over available servers (the pool's free capacity).
    std::int64_t pool_headroom() const { return pool_headroom_; }
    std::size_t server_count() const { return servers_.size(); }

private:
    struct Server {
        int max_sessions = 0;
        int max_users = 0;
        int sessions = 0;
        int users = 0;  // distinct users with at least one session here
        bool available = false;
    };

    MinTree::Key rank_of(int headroom) const;
    MinTree::Key key_for(bool available, int headroom) const;
    MinTree::Key tree_key(Slot slot) const;
    // Sets the server's key in whichever order structure is in use.
    void set_key(Slot slot, MinTree::Key key);
    void insert_in_id_order(Slot slot);
    void rebuild_order(std::size_t room);
    // Widens the bucket queue's key window to cover headroom up to `room` (a new limit).
    void cover_headroom(int room);
    // The order structure in use: the bucket queue, or the tree when the window is too wide.
    std::size_t order_capacity() const;
    std::size_t order_best(UserKey user, bool skip_desktops) const;
    // Applies a change to a server's counts or limits, keeping pool_headroom_ and the order
    // structure true.
    template <class Change>
    void update(Slot slot, const Change& change);

    model::PlacementStrategy strategy_;
    std::vector<Server> servers_;      // by slot (hot: touched by every decision)
    std::vector<model::Id> ids_;       // by slot (cold: only for answers and tie order)
    std::vector<std::uint32_t> position_;  // slot → position in id order
    std::vector<Slot> by_position_;        // position → slot
    std::unordered_map<model::Id, Slot> slots_;
    BucketQueue buckets_;  // used while bucketed_
    MinTree order_;        // used otherwise
    bool bucketed_ = true;
    int span_ = 0;  // the bucket window covers headroom 1..span_
    UserPresence presence_;
    std::int64_t pool_headroom_ = 0;
};

}  // namespace tidepool::placement
