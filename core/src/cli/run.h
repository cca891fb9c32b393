// The CLI as a function: everything main() does, testable in-process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace tidepool::cli {

// Runs one command line (without the program name) and returns the exit code. Output goes
// to `out`; progress and the single error line to `err`.
int run_cli(const std::vector<std::string>& args, Environment& env, std::ostream& out,
            std::ostream& err);

// main(): the process environment, std::cout and std::cerr.
int main_entry(int argc, char** argv);

}  // namespace tidepool::cli
