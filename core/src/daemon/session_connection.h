// Issue 10: every placement carries its connection descriptor — the session a
// POST or GET returns and the session_placed event a stream sends. The
// descriptor is built when it is sent, so credentials are never kept in a
// response cache or in the event bus's memory, and a read-only caller gets it
// without credentials.
#pragma once

#include <string>

#include "model/ids.h"
#include "runtime/runtime.h"

namespace tidepool::daemon {

// Adds "connection" to a session's (or session event's) JSON object when `placed` (what the
// caller already knows of the session; nothing else is read twice). When the descriptor cannot
// be built yet (no address, the dynamic account not created) or at all (a hand-assigned server,
// a session that ended since the event), "connection" is null and "connection_error" says why:
// {"code","message"}; GET /api/v1/sessions/{id}/connection retries.
std::string with_connection(runtime::Runtime& runtime, std::string object_json,
                            const model::Id& session_id, bool placed, bool with_credentials);

}  // namespace tidepool::daemon
