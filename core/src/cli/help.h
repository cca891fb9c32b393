// Help texts, generated from the command table so they cannot drift from the parser.
#pragma once

#include <string>

#include "cli/command.h"

namespace tidepool::cli {

// `tidepool --help`: usage, every command, global options, environment, exit codes.
std::string main_help();
// `tidepool <command> --help`: usage line, description, every option and argument.
std::string command_help(const CommandSpec& spec);
// `tidepool configs --help`: the group's subcommands.
std::string group_help(const std::string& group);
// "commands: configs apply, configs show, configs delete" (for error lines).
std::string group_list(const std::string& group);
// "tidepool sessions request --pool ID --user USER [--kind desktop|app] ...".
std::string usage_line(const CommandSpec& spec);

}  // namespace tidepool::cli
