#include "cli/parse.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "cli/credentials.h"
#include "cli/help.h"

namespace tidepool::cli {
namespace {

Error usage(std::string message) { return make_error(ErrorCode::invalid, std::move(message)); }

const OptionSpec* find_option(const std::vector<OptionSpec>& specs, const std::string& name) {
    for (const auto& spec : specs) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

const CommandSpec* find_command(const std::string& name) {
    for (const auto& spec : command_table()) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

// Splits "--name=value"; `value` is set only when '=' was present.
std::string option_name(const std::string& token, std::optional<std::string>& value) {
    auto eq = token.find('=');
    if (eq == std::string::npos) return token;
    value = token.substr(eq + 1);
    return token.substr(0, eq);
}

// Takes the option's value from "=value" or the next token.
Result<std::string> take_value(const std::string& name, std::optional<std::string> inline_value,
                               const std::vector<std::string>& args, std::size_t& i) {
    if (inline_value) return *inline_value;
    if (i + 1 >= args.size()) return usage(name + " needs a value");
    return args[++i];
}

// Pulls the global options out of `args`, leaving the rest in order.
Result<std::vector<std::string>> take_globals(const std::vector<std::string>& args,
                                              GlobalOptions& g, std::optional<std::string>& url) {
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::optional<std::string> inline_value;
        std::string name = option_name(args[i], inline_value);
        if (name == "--") {
            rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
            break;
        }
        bool flag = name == "-h" || name == "--help" || name == "--version" || name == "--json" ||
                    name == "--insecure";
        if (flag && inline_value) return usage(name + " takes no value");
        if (name == "-h" || name == "--help") g.help = true;
        else if (name == "--version") g.version = true;
        else if (name == "--json") g.json = true;
        else if (name == "--insecure") g.insecure = true;
        else if (name == "--url" || name == "--api-key" || name == "--api-key-file" ||
                 name == "--ca-file") {
            auto value = take_value(name, inline_value, args, i);
            if (!value) return value.error();
            if (name == "--url") url = *value;
            else if (name == "--api-key") g.api_key = *value;
            else if (name == "--api-key-file") g.api_key_file = *value;
            else g.ca_cert = *value;
        } else {
            rest.push_back(args[i]);
        }
    }
    return rest;
}

Result<void> apply_defaults(GlobalOptions& g, std::optional<std::string> url,
                            const Environment& env) {
    auto from_env = [&](const char* name) -> std::optional<std::string> {
        auto v = env.get_env ? env.get_env(name) : std::nullopt;
        if (v && v->empty()) return std::nullopt;
        return v;
    };
    g.url = url ? *url : from_env("TIDEPOOL_URL").value_or(kDefaultUrl);
    if (!g.ca_cert) g.ca_cert = from_env("TIDEPOOL_CA_FILE");
    if (g.url.rfind("http://", 0) != 0 && g.url.rfind("https://", 0) != 0) {
        return usage("the URL \"" + g.url + "\" must start with http:// or https:// " +
                     "(from " + (url ? "--url" : "TIDEPOOL_URL") + ")");
    }
    return {};
}

// Finds the command named by the leading words; returns how many words it used.
Result<std::size_t> resolve_command(const std::vector<std::string>& rest, Invocation& inv) {
    std::vector<std::string> words;
    for (const auto& t : rest) {
        if (t.empty() || t[0] == '-' || words.size() == 2) break;
        words.push_back(t);
    }
    if (words.empty()) return std::size_t{0};
    if (words.size() == 2) {
        if (auto* spec = find_command(words[0] + " " + words[1])) {
            inv.command = spec;
            return std::size_t{2};
        }
    }
    if (auto* spec = find_command(words[0])) {
        inv.command = spec;
        return std::size_t{1};
    }
    if (!group_commands(words[0]).empty()) {
        inv.group = words[0];
        if (words.size() == 2) {
            return usage("unknown command \"" + words[0] + " " + words[1] + "\"; " +
                         group_list(words[0]));
        }
        return std::size_t{1};
    }
    return usage("unknown command \"" + words[0] + "\"; run \"tidepool --help\" for the list");
}

Result<void> check_value(const OptionSpec& spec, const std::string& value) {
    if (!spec.choices.empty() &&
        std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
        std::string allowed;
        for (const auto& c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + c;
        return usage(spec.name + " \"" + value + "\" is not allowed; use one of: " + allowed);
    }
    char* end = nullptr;
    if (spec.kind == ValueKind::integer) {
        long n = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || n < -1000000 || n > 1000000)
            return usage(spec.name + " \"" + value + "\" must be a whole number");
    } else if (spec.kind == ValueKind::seconds) {
        double s = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !(s >= 0) || s > 86400)
            return usage(spec.name + " \"" + value + "\" must be a number of seconds (0-86400)");
    } else if (spec.kind == ValueKind::amount) {
        double a = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !std::isfinite(a) || a < 0)
            return usage(spec.name + " \"" + value + "\" must be a number >= 0");
    }
    return {};
}

// Reads the command's own options and arguments from what follows the command words.
Result<void> take_command_args(const std::vector<std::string>& rest, std::size_t start,
                               Invocation& inv) {
    const CommandSpec& spec = *inv.command;
    bool positional_only = false;
    for (std::size_t i = start; i < rest.size(); ++i) {
        const std::string& token = rest[i];
        if (token == "--" && !positional_only) {
            positional_only = true;
            continue;
        }
        if (positional_only || token.size() < 2 || token[0] != '-') {
            inv.args.push_back(token);
            continue;
        }
        std::optional<std::string> inline_value;
        std::string name = option_name(token, inline_value);
        const OptionSpec* option = find_option(spec.options, name);
        if (!option) {
            return usage("unknown option " + name + " for \"tidepool " + spec.name +
                         "\"; see \"tidepool " + spec.name + " --help\"");
        }
        if (inv.options.count(name)) return usage(name + " is given twice");
        if (option->value_name.empty()) {
            if (inline_value) return usage(name + " takes no value");
            inv.options[name] = "";
            continue;
        }
        auto value = take_value(name, inline_value, rest, i);
        if (!value) return value.error();
        inv.options[name] = *value;
    }
    return {};
}

Result<void> validate(const Invocation& inv) {
    const CommandSpec& spec = *inv.command;
    std::size_t required = 0;
    for (const auto& a : spec.args) required += a.optional ? 0 : 1;
    std::string hint = " (usage: " + usage_line(spec) + ")";
    if (inv.args.size() < required) return usage("missing " + spec.args[inv.args.size()].name + hint);
    if (inv.args.size() > spec.args.size()) {
        return usage("unexpected argument \"" + inv.args[spec.args.size()] + "\"" + hint);
    }
    for (const auto& option : spec.options) {
        auto it = inv.options.find(option.name);
        if (it == inv.options.end()) {
            if (option.required) return usage("missing " + option.name + " " + option.value_name + hint);
            continue;
        }
        if (auto ok = check_value(option, it->second); !ok) return ok.error();
    }
    return {};
}

}  // namespace

std::vector<const CommandSpec*> group_commands(const std::string& group) {
    std::vector<const CommandSpec*> out;
    for (const auto& spec : command_table()) {
        if (spec.name.rfind(group + " ", 0) == 0) out.push_back(&spec);
    }
    return out;
}

Result<Invocation> parse_command_line(const std::vector<std::string>& args,
                                      const Environment& env) {
    Invocation inv;
    std::optional<std::string> url;
    auto rest = take_globals(args, inv.global, url);
    if (!rest) return rest.error();
    if (auto ok = apply_defaults(inv.global, url, env); !ok) return ok.error();
    // Help and version need no key, and a command may never reach the daemon.
    if (!inv.global.help && !inv.global.version) {
        auto key = resolve_api_key(inv.global, env);
        if (!key) return key.error();
        inv.global.api_key = *key;
    }
    auto used = resolve_command(*rest, inv);
    if (!used) return used.error();
    if (!inv.command) {
        if (*used < rest->size()) return usage("unexpected argument \"" + (*rest)[*used] + "\"");
        return inv;
    }
    if (auto ok = take_command_args(*rest, *used, inv); !ok) return ok.error();
    if (inv.global.help) return inv;
    if (auto ok = validate(inv); !ok) return ok.error();
    return inv;
}

}  // namespace tidepool::cli
