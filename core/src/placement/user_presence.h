// Where each user has sessions in one server pool: per (user, server) the number of sessions
// and of desktops. Placement needs it for two rules: a user already on a server needs no new
// user slot there, and a user gets at most one desktop per server.
//
// Entries live in one slab and each user's entries form a short singly linked list (a user is
// on a handful of servers), with freed entries kept on a free list: after reserve() nothing is
// allocated however sessions come and go. Lookups walk the user's own list, so they cost
// O(servers this user is on), independent of the pool's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace tidepool::placement {

using Slot = std::uint32_t;     // a server's dense index within one pool index
using UserKey = std::uint32_t;  // a user's dense index (interned by the caller)

class UserPresence {
public:
    struct Entry {
        Slot server = 0;
        int sessions = 0;
        int desktops = 0;
        std::uint32_t next = kNone;
    };

    // Room for this many users and (user, server) pairs without allocating.
    void reserve(std::size_t users, std::size_t pairs);

    const Entry* find(UserKey user, Slot server) const;
    Entry* find(UserKey user, Slot server) {
        return const_cast<Entry*>(std::as_const(*this).find(user, server));
    }
    // The user's entry on the server, created empty (added = true) when there is none.
    Entry& find_or_add(UserKey user, Slot server, bool& added);
    // Drops the user's entry on the server (when its last session there ended).
    void remove(UserKey user, Slot server);

    template <class Visit>
    void for_each(UserKey user, const Visit& visit) const {
        if (user >= heads_.size()) return;
        for (std::uint32_t e = heads_[user]; e != kNone; e = entries_[e].next) visit(entries_[e]);
    }

private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t take_entry();

    std::vector<Entry> entries_;       // the slab; free entries are chained through `next`
    std::vector<std::uint32_t> heads_;  // by user: the first entry, or kNone
    std::uint32_t free_ = kNone;
};

}  // namespace tidepool::placement
