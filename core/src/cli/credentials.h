// Where the CLI finds its API key, first match wins:
//   1. --api-key KEY (visible to other local users in `ps`; prefer the file or variable)
//   2. --api-key-file FILE
//   3. $TIDEPOOL_API_KEY
//   4. $TIDEPOOL_API_KEY_FILE
//   5. ./data/admin-api-key, the bootstrap admin key tidepoold writes into its default data
//      directory, when that file exists (so the README's quickstart works from the repo root)
// A key file holds "<id>.<secret>"; surrounding whitespace is ignored.
#pragma once

#include <optional>
#include <string>

#include "cli/command.h"
#include "tidepool/result.h"

namespace tidepool::cli {

inline constexpr const char* kDefaultApiKeyFile = "data/admin-api-key";

// The key to send, nullopt when none is configured anywhere (the daemon will answer 401 and
// say how to send one). An unreadable or empty named file is a usage error that names it.
Result<std::optional<std::string>> resolve_api_key(const GlobalOptions& global,
                                                   const Environment& env);

}  // namespace tidepool::cli
