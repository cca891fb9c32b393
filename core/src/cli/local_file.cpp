#include "cli/local_file.h"

#include <fstream>
#include <sstream>

#include "cli/exit_codes.h"

namespace tidepool::cli {

std::optional<std::string> read_local_file(Context& ctx, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ctx.fail(kExitApiError, "cannot read " + path + ": no such file or not readable");
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace tidepool::cli
