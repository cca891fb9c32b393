// Reading a file the operator named on the command line (a config, a snapshot, a private key).
#pragma once

#include <optional>
#include <string>

#include "cli/command.h"

namespace tidepool::cli {

// The whole file, or nullopt after ctx.fail() said which file could not be read (exit 1).
std::optional<std::string> read_local_file(Context& ctx, const std::string& path);

}  // namespace tidepool::cli
