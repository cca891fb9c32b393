#include "cli/run.h"

#include <cstdlib>
#include <iostream>
#include <thread>

#include <unistd.h>

#include "cli/api_client.h"
#include "cli/exit_codes.h"
#include "cli/help.h"
#include "cli/parse.h"

#ifndef TIDEPOOL_VERSION
#define TIDEPOOL_VERSION "0.0.0"
#endif

namespace tidepool::cli {

std::optional<std::string> Context::option(const std::string& name) const {
    auto it = invocation.options.find(name);
    if (it == invocation.options.end()) return std::nullopt;
    return it->second;
}

int Context::fail(int exit_code, const std::string& message) {
    // One line, always: scripts and log scrapers rely on it.
    std::string line = message;
    for (auto& c : line) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    err << "tidepool: " << line << "\n";
    failure_code = exit_code;
    return exit_code;
}

Environment system_environment() {
    Environment env;
    env.get_env = [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (!value) return std::nullopt;
        return std::string(value);
    };
    env.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    env.now = [] { return std::chrono::steady_clock::now(); };
    env.check_plugin = conformance_checker();
    env.stdout_is_tty = [] { return ::isatty(STDOUT_FILENO) == 1; };
    return env;
}

namespace {

// Help and version need no daemon; anything else without a command is a usage error.
std::optional<int> answer_without_command(const Invocation& inv, std::ostream& out,
                                          std::ostream& err) {
    if (inv.global.version && !inv.global.help) {
        out << "tidepool " << TIDEPOOL_VERSION << "\n";
        return kExitOk;
    }
    if (inv.command && inv.global.help) {
        out << command_help(*inv.command);
        return kExitOk;
    }
    if (!inv.group.empty()) {
        if (inv.global.help) {
            out << group_help(inv.group);
            return kExitOk;
        }
        err << "tidepool: \"tidepool " << inv.group << "\" needs a subcommand; "
            << group_list(inv.group) << "\n";
        return kExitUsage;
    }
    if (!inv.command) {
        if (inv.global.help) {
            out << main_help();
            return kExitOk;
        }
        err << "tidepool: no command given; run \"tidepool --help\" for the list\n";
        return kExitUsage;
    }
    return std::nullopt;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, Environment& env, std::ostream& out,
            std::ostream& err) {
    auto parsed = parse_command_line(args, env);
    if (!parsed) {
        err << "tidepool: " << parsed.error().message << "\n";
        return kExitUsage;
    }
    const Invocation& inv = parsed.value();
    if (auto done = answer_without_command(inv, out, err)) return *done;
    ApiClient api({inv.global.url, inv.global.api_key, inv.global.ca_cert, inv.global.insecure});
    Context ctx{inv, api, env, out, err};
    try {
        return inv.command->handler(ctx);
    } catch (const std::exception& e) {
        return ctx.fail(kExitApiError, std::string("unexpected error: ") + e.what());
    }
}

int main_entry(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    Environment env = system_environment();
    return run_cli(args, env, std::cout, std::cerr);
}

}  // namespace tidepool::cli
