// The storage form of ConnectionSettings: one JSON object in one column, so new connection
// options need no schema change. Secret members are stored exactly as given, which is sealed
// text by the time they reach the store (runtime/connection_secrets.h).
#pragma once

#include <string>

#include "model/connection.h"
#include "tidepool/result.h"

namespace tidepool::model {

std::string connection_to_storage_json(const ConnectionSettings& settings);

// Unknown members are ignored (a newer build may have stored more); an unreadable text is an
// internal error naming the config, never a silent default.
Result<ConnectionSettings> connection_from_storage_json(const std::string& text);

}  // namespace tidepool::model
