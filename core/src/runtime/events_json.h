// The one JSON form of an Event, shared by the SSE route, the CLI's `watch` and tests, so every
// consumer reads the same member names.
#pragma once

#include <string>

#include "runtime/events.h"

namespace tidepool::runtime {

// {"seq":7,"kind":"session_queued","at":"2026-...Z","pool_id":"p","session_id":"ses-…",
//  "machine_id":"","queue_position":2,"eta_s":45,"message":"..."}; every member is always
// present (empty string, 0 or -1 when it does not apply) so clients need no optional checks.
std::string to_json(const Event& event);

}  // namespace tidepool::runtime
