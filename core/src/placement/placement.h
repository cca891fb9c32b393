// Session placement for server pools: which server takes a new session (DESIGN §2).
// Pure: candidates and a request in, a choice out. Even distribution (most headroom first) by
// default, depth-first (fill one server before the next) as a per-pool option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/machines.h"
#include "model/objects.h"

namespace tidepool::placement {

// One server as placement sees it: its limits and who already has sessions there.
struct Candidate {
    model::Id server_id;
    int max_sessions = 1;
    int max_users = 1;
    int sessions = 0;                        // placed sessions
    std::vector<std::string> users;          // distinct users with sessions here
    std::vector<std::string> desktop_users;  // users holding a desktop here
};

struct Request {
    std::string user;
    model::SessionKind kind = model::SessionKind::desktop;
};

// Sessions this server can still take for anyone: min(sessions left, new users left).
int headroom(const Candidate& c);

// Whether the server can take this user's request: a free session slot, a user slot unless
// the user is already here, and no second desktop for the same user on one server.
bool can_take(const Candidate& c, const Request& r);

// The chosen server, or nullopt when none can take the request (the caller queues it).
// Ties break on the lowest server id so the choice is deterministic.
std::optional<model::Id> choose(const std::vector<Candidate>& candidates, const Request& r,
                                model::PlacementStrategy strategy);

}  // namespace tidepool::placement
