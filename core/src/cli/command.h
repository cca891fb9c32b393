// The command model: every command is one row of a table (name, arguments, options, help,
// handler). Parsing, help and bash completion are all driven by that table, so a command
// cannot exist without being documented.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tidepool::cli {

// amount: a finite number >= 0 (cores, GPUs, GiB).
enum class ValueKind { text, integer, seconds, amount };

struct OptionSpec {
    std::string name;        // "--pool"
    std::string value_name;  // "ID"; empty for a flag
    std::string help;
    bool required = false;
    std::vector<std::string> choices{};  // allowed values when restricted
    ValueKind kind = ValueKind::text;
};

struct ArgSpec {
    std::string name;  // "ID"
    std::string help;
    bool optional = false;  // only the last argument may be optional
};

struct Context;
using CommandHandler = int (*)(Context&);

struct CommandSpec {
    std::string name;     // words: "sessions request"
    std::string summary;  // one line for the command list
    std::string details;  // what it does, which API route it calls, what it prints
    std::vector<ArgSpec> args;
    std::vector<OptionSpec> options;
    CommandHandler handler = nullptr;
    bool needs_daemon = true;  // false: runs locally (plugin check)
};

// Every command, in the order `tidepool --help` lists them.
const std::vector<CommandSpec>& command_table();
// Options valid before or after any command.
const std::vector<OptionSpec>& global_options();

struct GlobalOptions {
    std::string url;
    std::optional<std::string> api_key;       // "<id>.<secret>", resolved by credentials.h
    std::optional<std::string> api_key_file;  // --api-key-file, before it is read
    std::optional<std::string> ca_cert;
    bool insecure = false;  // --insecure: skip TLS certificate verification
    bool json = false;
    bool help = false;
    bool version = false;
};

// A parsed command line.
struct Invocation {
    GlobalOptions global;
    const CommandSpec* command = nullptr;  // null with `group` set: "tidepool configs"
    std::string group;
    std::vector<std::string> args;
    std::map<std::string, std::string> options;  // "--pool" → value; flags map to ""
};

// `tidepool plugin check`'s engine: 0 when the plugin passes.
using PluginChecker = std::function<int(const std::string& path,
                                        const std::optional<std::string>& config_json,
                                        std::ostream& out)>;

// Everything a run takes from the outside world, so tests can substitute each piece.
struct Environment {
    std::function<std::optional<std::string>(const std::string&)> get_env;
    std::function<void(std::chrono::milliseconds)> sleep;
    std::function<std::chrono::steady_clock::time_point()> now;
    PluginChecker check_plugin;
    // Whether stdout is a terminal (`tidepool watch` draws a live view there); unset: no.
    std::function<bool()> stdout_is_tty{};
};

// The real process environment, clock and plugin checker.
Environment system_environment();
// The conformance kit from tp_plugins (defined in cmd_plugin_check.cpp).
PluginChecker conformance_checker();

class ApiClient;

struct Context {
    const Invocation& invocation;
    const ApiClient& api;
    Environment& env;
    std::ostream& out;
    std::ostream& err;
    int failure_code = 0;  // set by fail(): the exit code of the last failure

    bool json() const { return invocation.global.json; }
    const std::string& arg(std::size_t i) const { return invocation.args.at(i); }
    std::optional<std::string> option(const std::string& name) const;
    // Prints the one error line ("tidepool: <message>") and returns `exit_code`.
    int fail(int exit_code, const std::string& message);
};

}  // namespace tidepool::cli
