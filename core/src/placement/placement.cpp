#include "placement/placement.h"

#include <algorithm>

namespace tidepool::placement {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Headroom as this user sees it: a user already on the server needs no new user slot.
int headroom_for(const Candidate& c, const Request& r) {
    int sessions_left = c.max_sessions - c.sessions;
    if (contains(c.users, r.user)) return std::max(0, sessions_left);
    return std::max(0, std::min(sessions_left, c.max_users - static_cast<int>(c.users.size())));
}

}  // namespace

int headroom(const Candidate& c) {
    int sessions_left = c.max_sessions - c.sessions;
    int users_left = c.max_users - static_cast<int>(c.users.size());
    return std::max(0, std::min(sessions_left, users_left));
}

bool can_take(const Candidate& c, const Request& r) {
    if (r.kind == model::SessionKind::desktop && contains(c.desktop_users, r.user)) return false;
    return headroom_for(c, r) > 0;
}

std::optional<model::Id> choose(const std::vector<Candidate>& candidates, const Request& r,
                                model::PlacementStrategy strategy) {
    const Candidate* best = nullptr;
    int best_room = 0;
    for (const auto& c : candidates) {
        if (!can_take(c, r)) continue;
        int room = headroom(c);
        bool better = !best;
        if (best) {
            bool more = strategy == model::PlacementStrategy::breadth_first ? room > best_room
                                                                             : room < best_room;
            better = more || (room == best_room && c.server_id < best->server_id);
        }
        if (better) {
            best = &c;
            best_room = room;
        }
    }
    if (!best) return std::nullopt;
    return best->server_id;
}

}  // namespace tidepool::placement
