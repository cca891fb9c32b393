// Identifiers and instants shared by every model type.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tidepool::model {

// Ids are short opaque strings (generated "srv-…", or operator-chosen for configs).
using Id = std::string;

// All stored instants are UTC seconds; schedules convert to local time themselves.
using Instant = std::chrono::sys_seconds;

inline std::int64_t to_unix(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_unix(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }

}  // namespace tidepool::model
