// The placed sessions of one server pool, held next to its ServerPoolIndex so that placing and
// ending a session by id is O(1) (for the usual per-server limits, see ServerPoolIndex) and —
// once warm — allocates nothing: session ids and user names are interned (InternTable) into
// key records that are reused, and each session's placement (server, user, kind) is packed
// into the 8-byte value kept in its id's bucket, so ending a session reads the placement with
// the id lookup itself.
//
// The runtime keeps one per pool, rebuilt from the store at start (restore()) and kept current
// on every place and end; the store stays the durable record, this is the fast view of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "placement/intern_table.h"
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
    std::optional<Slot> place(std::string_view session_id, std::string_view user,
                              model::SessionKind kind);
    // Records a session the store already has on a known server (start-up, adoption).
    // False when the server is unknown or the id is already recorded.
    bool restore(std::string_view session_id, const model::Id& server_id, std::string_view user,
                 model::SessionKind kind);
    // Forgets a placed session and frees its slot; nullopt when it is not placed here.
    std::optional<Entry> end(std::string_view session_id);

    std::optional<Entry> find(std::string_view session_id) const;
    std::size_t size() const { return sessions_.size(); }
    std::string_view user_name(UserKey user) const { return users_.key(user); }

private:
    // An entry as its bucket's value: the server slot in the low 31 bits, the kind in bit 31
    // (slots are dense per pool, far below 2^31), the user in the high 32.
    static std::uint64_t pack(Entry entry);
    static Entry unpack(std::uint64_t value);

    model::PlacementStrategy strategy_;
    ServerPoolIndex index_;
    // Users are never forgotten: a key is 4 bytes plus the name, and keeping them means a
    // returning user costs no allocation. Bounded by the distinct users a pool ever served.
    InternTable users_;
    InternTable sessions_;  // values: pack(Entry)
};

}  // namespace tidepool::placement
