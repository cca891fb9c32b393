// Command-line parsing driven by the command table. Global options may appear anywhere;
// command words come first, then the command's options and arguments in any order.
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "tidepool/result.h"

namespace tidepool::cli {

constexpr const char* kDefaultUrl = "http://127.0.0.1:8470";

// Parses argv without the program name. A usage mistake comes back as an Error whose message
// is ready for the "tidepool: …" line. With --help, missing arguments are not an error.
Result<Invocation> parse_command_line(const std::vector<std::string>& args,
                                      const Environment& env);

// The table entries whose first word is `group` ("configs" → apply, show, delete).
std::vector<const CommandSpec*> group_commands(const std::string& group);

}  // namespace tidepool::cli
