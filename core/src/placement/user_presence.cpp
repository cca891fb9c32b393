#include "placement/user_presence.h"

namespace tidepool::placement {

void UserPresence::reserve(std::size_t users, std::size_t spilled_pairs) {
    if (users > rows_.size()) rows_.resize(users);
    // Pre-build the free list so the first `spilled_pairs` spills never grow the slab.
    while (spill_.size() < spilled_pairs) {
        spill_.push_back(Spilled{Entry{}, free_});
        free_ = static_cast<std::uint32_t>(spill_.size() - 1);
    }
}

const UserPresence::Entry* UserPresence::find_spilled(const Row& row, Slot server) const {
    for (std::uint32_t s = row.spill; s != kNone; s = spill_[s].next)
        if (spill_[s].entry.server == server) return &spill_[s].entry;
    return nullptr;
}

UserPresence::Entry& UserPresence::spill_new(Row& row, Slot server) {
    std::uint32_t s = free_;
    if (s == kNone) {
        spill_.emplace_back();
        s = static_cast<std::uint32_t>(spill_.size() - 1);
    } else {
        free_ = spill_[s].next;
    }
    spill_[s] = Spilled{Entry{server, 0, 0}, row.spill};
    row.spill = s;
    return spill_[s].entry;
}

UserPresence::Entry& UserPresence::find_or_add(UserKey user, Slot server, bool& added) {
    if (user >= rows_.size()) rows_.resize(user + 1);
    Row& row = rows_[user];
    // One pass over the inline entries finds the server or the first free entry for it.
    Entry* free_entry = nullptr;
    for (Entry& e : row.inline_entries) {
        if (e.server == server) {
            added = false;
            return e;
        }
        if (e.server == kNoServer && !free_entry) free_entry = &e;
    }
    if (Entry* known = const_cast<Entry*>(find_spilled(row, server))) {
        added = false;
        return *known;
    }
    added = true;
    if (!free_entry) return spill_new(row, server);
    *free_entry = Entry{server, 0, 0};
    return *free_entry;
}

void UserPresence::remove(UserKey user, Slot server) {
    if (user >= rows_.size()) return;
    Row& row = rows_[user];
    for (Entry& e : row.inline_entries) {
        if (e.server != server) continue;
        e = Entry{};
        return;
    }
    for (std::uint32_t* link = &row.spill; *link != kNone; link = &spill_[*link].next) {
        std::uint32_t s = *link;
        if (spill_[s].entry.server != server) continue;
        *link = spill_[s].next;
        spill_[s].next = free_;
        free_ = s;
        return;
    }
}

}  // namespace tidepool::placement
