// How the CLI prints a connection descriptor on a terminal: address, type and
// port, credential type and user name, with passwords and keys masked (--json
// prints the whole document). Shared by `sessions connection` and by every
// command that prints a placed session.
#pragma once

#include <rapidjson/document.h>

#include "cli/command.h"

namespace tidepool::cli {

// Prints `descriptor` (the ConnectionDescriptor object) as aligned lines.
void print_connection(Context &ctx, const rapidjson::Value &descriptor);

// Prints a session object as key/value lines; its connection (or
// connection_error) becomes a block of its own, secrets masked.
void print_session_fields(Context &ctx, const rapidjson::Value &session);

}  // namespace tidepool::cli
