// Help texts and the bash completion script: complete and in step with the command table.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/exit_codes.h"
#include "cli/help.h"
#include "cli_harness.h"

using namespace tidepool::cli;
using tidepool::cli::test::run;

TEST_CASE("tidepool --help lists every command, global option, variable and exit code") {
    auto r = run({"--help"});
    CHECK(r.code == kExitOk);
    CHECK(r.err.empty());
    for (const auto& spec : command_table()) {
        CHECK_MESSAGE(r.out.find("  " + spec.name + " ") != std::string::npos, spec.name);
    }
    for (const auto& option : global_options()) CHECK(r.out.find(option.name) != std::string::npos);
    for (const char* var : {"TIDEPOOL_URL", "TIDEPOOL_API_KEY", "TIDEPOOL_API_KEY_FILE", "TIDEPOOL_CA_FILE"}) {
        CHECK(r.out.find(var) != std::string::npos);
    }
    for (const char* code : {"  0  ", "  1  ", "  2  ", "  3  ", "  4  "}) {
        CHECK(r.out.find(code) != std::string::npos);
    }
    CHECK(run({"-h"}).out == r.out);
}

TEST_CASE("every command's --help documents its usage, arguments, options and route") {
    for (const auto& spec : command_table()) {
        std::vector<std::string> args;
        std::istringstream words(spec.name);
        for (std::string w; words >> w;) args.push_back(w);
        args.push_back("--help");
        auto r = run(args);
        CAPTURE(spec.name);
        CHECK(r.code == kExitOk);
        CHECK(r.out.rfind("Usage: tidepool " + spec.name, 0) == 0);
        for (const auto& a : spec.args) CHECK(r.out.find("  " + a.name + " ") != std::string::npos);
        for (const auto& o : spec.options) CHECK(r.out.find("  " + o.name) != std::string::npos);
        for (const auto& o : global_options()) CHECK(r.out.find(o.name) != std::string::npos);
        CHECK(r.out.find("Exit codes:") != std::string::npos);
        if (spec.needs_daemon) CHECK(r.out.find("/api/v1/") != std::string::npos);
    }
}

TEST_CASE("usage lines mark required and optional parts") {
    const CommandSpec* request = nullptr;
    const CommandSpec* show = nullptr;
    for (const auto& spec : command_table()) {
        if (spec.name == "sessions request") request = &spec;
        if (spec.name == "configs show") show = &spec;
    }
    REQUIRE(request);
    REQUIRE(show);
    CHECK(usage_line(*request) ==
          "tidepool sessions request --pool ID --user USER [--kind desktop|app] [--priority N] "
          "[--workspace NAME] [--cores N] [--gpus N] [--memory-gib N] [--wait SECONDS]");
    CHECK(usage_line(*show) == "tidepool configs show [ID]");
}

TEST_CASE("groups: help lists subcommands; no subcommand is a usage error") {
    auto help = run({"configs", "--help"});
    CHECK(help.code == kExitOk);
    CHECK(help.out.find("tidepool configs apply FILE") != std::string::npos);
    auto bare = run({"plugin"});
    CHECK(bare.code == kExitUsage);
    CHECK(bare.err == "tidepool: \"tidepool plugin\" needs a subcommand; commands: plugin list, "
                      "plugin reload, plugin check\n");
    auto sessions = run({"sessions", "--help"});
    CHECK(sessions.out.find("sessions request") != std::string::npos);
    CHECK(sessions.out.find("sessions release") != std::string::npos);
}

TEST_CASE("--version and no command") {
    auto v = run({"--version"});
    CHECK(v.code == kExitOk);
    CHECK(v.out.rfind("tidepool ", 0) == 0);
    auto none = run({});
    CHECK(none.code == kExitUsage);
    CHECK(none.err.rfind("tidepool: no command given", 0) == 0);
}

namespace {

std::string completion_script() {
    std::ifstream in(TIDEPOOL_COMPLETION_SCRIPT);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs the completion function for a partial command line; "" when bash is unavailable.
std::string complete(const std::string& words, int cword) {
    std::string cmd = "bash -c 'source " + std::string(TIDEPOOL_COMPLETION_SCRIPT) +
                      "; COMP_WORDS=(" + words + "); COMP_CWORD=" + std::to_string(cword) +
                      "; _tidepool; echo \"${COMPREPLY[*]}\"' 2>/dev/null";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[512];
        while (fgets(buf, sizeof buf, p)) out += buf;
        pclose(p);
    }
    return out;
}

}  // namespace

TEST_CASE("the bash completion script knows every command and option") {
    auto script = completion_script();
    REQUIRE_FALSE(script.empty());
    for (const auto& spec : command_table()) {
        std::istringstream words(spec.name);
        for (std::string w; words >> w;) CHECK_MESSAGE(script.find(w) != std::string::npos, w);
        for (const auto& o : spec.options) {
            CHECK_MESSAGE(script.find(o.name) != std::string::npos, o.name);
            for (const auto& choice : o.choices) CHECK(script.find(choice) != std::string::npos);
        }
    }
    for (const auto& o : global_options()) CHECK(script.find(o.name) != std::string::npos);
}

TEST_CASE("bash completion suggests commands, subcommands and option values") {
    auto top = complete("tidepool ''", 1);
    if (top.empty()) return;  // no bash here
    std::string first_words;  // the table's first words, in order, once each
    for (const auto& spec : command_table()) {
        std::string word = spec.name.substr(0, spec.name.find(' '));
        if ((" " + first_words).find(" " + word + " ") == std::string::npos) {
            first_words += word + " ";
        }
    }
    CHECK(top == first_words.substr(0, first_words.size() - 1) + "\n");
    CHECK(complete("tidepool configs ''", 2) == "apply show list delete\n");
    CHECK(complete("tidepool sessions request --kind ''", 4) == "desktop app\n");
    CHECK(complete("tidepool servers --p", 2) == "--pool\n");
    // Every two-word command is offered after its first word, whatever the group.
    for (const auto& spec : command_table()) {
        auto space = spec.name.find(' ');
        if (space == std::string::npos) continue;
        auto offered = " " + complete("tidepool " + spec.name.substr(0, space) + " ''", 2);
        CHECK_MESSAGE(offered.find(" " + spec.name.substr(space + 1)) != std::string::npos,
                      spec.name);
    }
    CHECK(complete("tidepool configs delete --kind ''", 4) == "autoscale provider pool zone\n");
    CHECK(complete("tidepool agents --state ''", 3) ==
          "starting running draining deleting gone failed\n");
}
