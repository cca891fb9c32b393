#include "cli/help.h"

#include <algorithm>

#include "cli/parse.h"

namespace tidepool::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  1  the API answered with an error, or a local file could not be read or parsed\n"
    "  2  usage error: unknown command or option, missing or malformed argument\n"
    "  3  cannot connect to tidepoold (not running, wrong --url, TLS failure)\n"
    "  4  check failed (tidepool plugin check)\n";

std::string value_text(const OptionSpec& o) {
    if (o.value_name.empty()) return "";
    if (o.choices.empty()) return " " + o.value_name;
    std::string joined;
    for (const auto& c : o.choices) joined += (joined.empty() ? "" : "|") + c;
    return " " + joined;
}

constexpr std::size_t kWidth = 100;  // the project's line width, for terminals too

// Lays out `words` within kWidth; continuation lines start with `indent` spaces.
std::string wrap_words(const std::vector<std::string>& words, std::size_t first_column,
                       std::size_t indent) {
    std::string out;
    std::size_t column = first_column;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (i > 0 && column + 1 + word.size() > kWidth) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
        } else if (i > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
    }
    return out;
}

std::string wrap(const std::string& text, std::size_t first_column, std::size_t indent) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = std::min(text.find(' ', start), text.size());
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return wrap_words(words, first_column, indent);
}

// The usage line's parts; an option with its value is one part, never split across lines.
std::vector<std::string> usage_parts(const CommandSpec& spec) {
    std::vector<std::string> parts{"tidepool", spec.name};
    for (const auto& o : spec.options) {
        if (o.required) parts.push_back(o.name + value_text(o));
    }
    for (const auto& o : spec.options) {
        if (!o.required) parts.push_back("[" + o.name + value_text(o) + "]");
    }
    for (const auto& a : spec.args) parts.push_back(a.optional ? "[" + a.name + "]" : a.name);
    return parts;
}

// Two aligned columns: "  left   right", the right one wrapped under itself.
std::string columns(const std::vector<std::pair<std::string, std::string>>& rows) {
    std::size_t width = 0;
    for (const auto& [left, right] : rows) width = std::max(width, left.size());
    std::string out;
    for (const auto& [left, right] : rows) {
        out += "  " + left + std::string(width - left.size() + 3, ' ') +
               wrap(right, width + 5, width + 5) + "\n";
    }
    return out;
}

std::string sentence(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
    return text + ".";
}

std::string global_options_block() {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& o : global_options()) {
        rows.emplace_back(o.name == "--help" ? "-h, --help" : o.name + value_text(o), o.help);
    }
    return "Global options (before or after the command):\n" + columns(rows);
}

}  // namespace

std::string usage_line(const CommandSpec& spec) {
    std::string line;
    for (const auto& part : usage_parts(spec)) line += (line.empty() ? "" : " ") + part;
    return line;
}

std::string main_help() {
    std::string out =
        "tidepool - command-line client for tidepoold, the Tidepool pool autoscaler\n\n"
        "Usage: tidepool [global options] <command> [options] [arguments]\n\n"
        "Commands:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& spec : command_table()) rows.emplace_back(spec.name, spec.summary);
    out += columns(rows);
    out += "\n" + global_options_block();
    out += "\nEnvironment:\n" +
           columns({{"TIDEPOOL_URL", "default for --url"},
                    {"TIDEPOOL_API_KEY", "the API key, when neither --api-key nor --api-key-file is given"},
                    {"TIDEPOOL_API_KEY_FILE", "a file holding the API key, after TIDEPOOL_API_KEY"},
                    {"TIDEPOOL_CA_FILE", "default for --ca-file"}});
    out += "\n" + wrap("Output: tables and \"key  value\" lines for people; --json for "
                      "scripts. Errors are one line on stderr: \"tidepool: <message>\".", 0, 0) +
           "\n";
    out += std::string("\n") + kExitCodes;
    out += "\nRun \"tidepool <command> --help\" for a command's options.\n";
    return out;
}

std::string command_help(const CommandSpec& spec) {
    std::string out = "Usage: " + wrap_words(usage_parts(spec), 7, 16 + spec.name.size()) + "\n\n" +
                      wrap(sentence(spec.summary) + " " + spec.details, 0, 0) + "\n";
    if (!spec.args.empty()) {
        std::vector<std::pair<std::string, std::string>> rows;
        for (const auto& a : spec.args) {
            rows.emplace_back(a.name, a.help + (a.optional ? " (optional)" : ""));
        }
        out += "\nArguments:\n" + columns(rows);
    }
    if (!spec.options.empty()) {
        std::vector<std::pair<std::string, std::string>> rows;
        for (const auto& o : spec.options) {
            rows.emplace_back(o.name + value_text(o), o.help + (o.required ? " (required)" : ""));
        }
        out += "\nOptions:\n" + columns(rows);
    }
    if (auto subs = group_commands(spec.name); !subs.empty()) {
        std::vector<std::pair<std::string, std::string>> rows;
        for (const auto* sub : subs) rows.emplace_back(sub->name, sub->summary);
        out += "\nSubcommands (see \"tidepool " + spec.name + " <subcommand> --help\"):\n" +
               columns(rows);
    }
    out += "\n" + global_options_block() + "\n" + kExitCodes;
    return out;
}

std::string group_list(const std::string& group) {
    std::string out = "commands: ";
    bool first = true;
    for (const auto* spec : group_commands(group)) {
        out += (first ? "" : ", ") + spec->name;
        first = false;
    }
    return out;
}

std::string group_help(const std::string& group) {
    std::string out = "Usage: tidepool " + group + " <subcommand> [options]\n\nSubcommands:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto* spec : group_commands(group)) rows.emplace_back(usage_line(*spec), spec->summary);
    out += columns(rows);
    out += "\nRun \"tidepool " + group + " <subcommand> --help\" for details.\n";
    return out;
}

}  // namespace tidepool::cli
