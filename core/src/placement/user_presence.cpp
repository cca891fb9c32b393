#include "placement/user_presence.h"

namespace tidepool::placement {

void UserPresence::reserve(std::size_t users, std::size_t pairs) {
    if (users > heads_.size()) heads_.resize(users, kNone);
    // Pre-build the free list so the first `pairs` entries never grow the slab.
    while (entries_.size() < pairs) {
        entries_.push_back(Entry{0, 0, 0, free_});
        free_ = static_cast<std::uint32_t>(entries_.size() - 1);
    }
}

const UserPresence::Entry* UserPresence::find(UserKey user, Slot server) const {
    if (user >= heads_.size()) return nullptr;
    for (std::uint32_t e = heads_[user]; e != kNone; e = entries_[e].next)
        if (entries_[e].server == server) return &entries_[e];
    return nullptr;
}

std::uint32_t UserPresence::take_entry() {
    if (free_ == kNone) {
        entries_.push_back(Entry{});
        return static_cast<std::uint32_t>(entries_.size() - 1);
    }
    std::uint32_t e = free_;
    free_ = entries_[e].next;
    return e;
}

UserPresence::Entry& UserPresence::find_or_add(UserKey user, Slot server, bool& added) {
    if (user >= heads_.size()) heads_.resize(user + 1, kNone);
    for (std::uint32_t e = heads_[user]; e != kNone; e = entries_[e].next) {
        if (entries_[e].server != server) continue;
        added = false;
        return entries_[e];
    }
    std::uint32_t e = take_entry();
    entries_[e] = Entry{server, 0, 0, heads_[user]};
    heads_[user] = e;
    added = true;
    return entries_[e];
}

void UserPresence::remove(UserKey user, Slot server) {
    if (user >= heads_.size()) return;
    for (std::uint32_t* link = &heads_[user]; *link != kNone; link = &entries_[*link].next) {
        std::uint32_t e = *link;
        if (entries_[e].server != server) continue;
        *link = entries_[e].next;
        entries_[e].next = free_;
        free_ = e;
        return;
    }
}

}  // namespace tidepool::placement
