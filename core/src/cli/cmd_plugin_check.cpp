// `tidepool plugin check`: the only CLI code that uses tp_plugins, kept in its own file so
// the rest of the CLI builds and tests without the plugin loader.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "plugins/conformance.h"

namespace tidepool::cli {

PluginChecker conformance_checker() {
    return [](const std::string& path, const std::optional<std::string>& config_json,
              std::ostream& out) { return plugins::check_plugin(path, config_json, out); };
}

int cmd_plugin_check(Context& ctx) {
    const std::string& file = ctx.arg(0);
    std::optional<std::string> config;
    if (auto config_file = ctx.option("--config")) {
        std::ifstream in(*config_file, std::ios::binary);
        if (!in) return ctx.fail(kExitApiError, "cannot read " + *config_file);
        std::stringstream text;
        text << in.rdbuf();
        config = text.str();
    }
    if (!std::ifstream(file)) return ctx.fail(kExitApiError, "cannot read " + file);
    if (!ctx.env.check_plugin) return ctx.fail(kExitApiError, "plugin checks are not available");
    int result = ctx.env.check_plugin(file, config, ctx.out);
    if (result != 0) return ctx.fail(kExitCheckFailed, file + " failed the conformance check");
    return kExitOk;
}

}  // namespace tidepool::cli
