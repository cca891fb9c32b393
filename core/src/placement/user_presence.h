// Where each user has sessions in one server pool: per (user, server) the number of sessions
// and of desktops. Placement needs it for two rules: a user already on a server needs no new
// user slot there, and a user gets at most one desktop per server.
//
// Each user owns one 64-byte row (one cache line) holding up to five servers inline, which
// covers nearly every user, so a lookup usually costs a single cache miss; a user on more
// servers continues in a shared spill slab as a short linked list. Freed spill entries are
// kept on a free list: after reserve() nothing is allocated however sessions come and go.
// Lookups cost O(servers this user is on), independent of the pool's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "placement/huge_pages.h"

namespace tidepool::placement {

using Slot = std::uint32_t;     // a server's dense index within one pool index
using UserKey = std::uint32_t;  // a user's dense index (interned by the caller)

class UserPresence {
public:
    static constexpr Slot kNoServer = std::numeric_limits<Slot>::max();
    struct Entry {
        Slot server = kNoServer;  // kNoServer: an unused inline entry
        std::uint32_t sessions = 0;
        std::uint32_t desktops = 0;
    };

    // Room for this many users, and for this many (user, server) pairs beyond each user's
    // inline ones, without allocating.
    void reserve(std::size_t users, std::size_t spilled_pairs);

    // Starts loading the user's row (a cache miss at 400k users) ahead of a lookup.
    void prefetch(UserKey user) const {
        if (user < rows_.size()) __builtin_prefetch(&rows_[user]);
    }
    // Inline: the hot path of every end and place.
    const Entry* find(UserKey user, Slot server) const {
        if (user >= rows_.size()) return nullptr;
        const Row& row = rows_[user];
        for (const Entry& e : row.inline_entries)
            if (e.server == server) return &e;
        return find_spilled(row, server);
    }
    Entry* find(UserKey user, Slot server) {
        return const_cast<Entry*>(std::as_const(*this).find(user, server));
    }
    // The user's entry on the server, created empty (added = true) when there is none.
    Entry& find_or_add(UserKey user, Slot server, bool& added);
    // Drops the user's entry on the server (when its last session there ended).
    void remove(UserKey user, Slot server);

    template <class Visit>
    void for_each(UserKey user, const Visit& visit) const {
        if (user >= rows_.size()) return;
        const Row& row = rows_[user];
        for (const Entry& e : row.inline_entries)
            if (e.server != kNoServer) visit(e);
        for (std::uint32_t s = row.spill; s != kNone; s = spill_[s].next) visit(spill_[s].entry);
    }

private:
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t kInline = 5;
    struct alignas(64) Row {
        Entry inline_entries[kInline];
        std::uint32_t spill = kNone;  // the first spilled entry, or kNone
    };
    struct Spilled {
        Entry entry;
        std::uint32_t next = kNone;
    };
    static_assert(sizeof(Row) == 64, "a user's row is one cache line");

    Entry& spill_new(Row& row, Slot server);
    const Entry* find_spilled(const Row& row, Slot server) const;

    std::vector<Row, HugePageAllocator<Row>> rows_;  // by user
    std::vector<Spilled> spill_;   // free entries are chained through `next`
    std::uint32_t free_ = kNone;
};

}  // namespace tidepool::placement
