// JSON for what the API returns beyond the model's own codec: servers with their session
// counts, sessions with queue position and ETA, each list in an {"items":[…]} envelope.
#pragma once

#include <string>
#include <vector>

#include "model/json_codec.h"
#include "runtime/runtime.h"

namespace tidepool::daemon {

std::string session_json(const runtime::SessionView& view);
std::string sessions_json(const std::vector<runtime::SessionView>& views);
// Servers with "sessions": the number of placed sessions on each.
std::string servers_json(const std::vector<model::Server>& servers,
                         const std::vector<model::Session>& placed);
std::string server_json(const model::Server& server, int sessions);

}  // namespace tidepool::daemon
