// The first admin key. A fresh installation has no keys, so nobody could create one through
// the API; tidepoold makes one on first start and leaves it, owner-only, in a file.
#pragma once

#include <filesystem>
#include <optional>

#include "auth/authenticator.h"

namespace tidepool::auth {

// When the store holds no API key at all, creates an admin key named "bootstrap" and writes
// "<id>.<secret>\n" to `file` (mode 0600), replacing a stale file left by a wiped database.
// Returns the file's path when it made a key, nullopt when keys already existed.
//
// The file is written before the key is stored: a crash in between leaves a file whose key
// does not exist, which the next start replaces, never a stored key nobody holds.
Result<std::optional<std::filesystem::path>> ensure_bootstrap_key(
    Authenticator& auth, const std::filesystem::path& file);

}  // namespace tidepool::auth
