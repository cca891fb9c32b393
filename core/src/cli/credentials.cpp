#include "cli/credentials.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tidepool::cli {
namespace {

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Result<std::string> read_key_file(const std::string& path, const std::string& source) {
    std::ifstream in(path);
    if (!in) {
        return make_error(ErrorCode::invalid,
                          "cannot read the API key file \"" + path + "\" (from " + source + ")");
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string key = trimmed(text.str());
    if (key.empty()) {
        return make_error(ErrorCode::invalid,
                          "the API key file \"" + path + "\" (from " + source + ") is empty");
    }
    return key;
}

}  // namespace

Result<std::optional<std::string>> resolve_api_key(const GlobalOptions& global,
                                                   const Environment& env) {
    using Found = std::optional<std::string>;
    auto from_env = [&](const char* name) -> Found {
        auto v = env.get_env ? env.get_env(name) : std::nullopt;
        if (v && v->empty()) return std::nullopt;
        return v;
    };
    if (global.api_key) return Found(trimmed(*global.api_key));
    auto read = [](const std::string& path, const std::string& source) -> Result<Found> {
        auto key = read_key_file(path, source);
        if (!key) return key.error();
        return Found(*key);
    };
    if (global.api_key_file) return read(*global.api_key_file, "--api-key-file");
    if (auto key = from_env("TIDEPOOL_API_KEY")) return Found(trimmed(*key));
    if (auto file = from_env("TIDEPOOL_API_KEY_FILE")) return read(*file, "TIDEPOOL_API_KEY_FILE");
    std::error_code ec;
    if (std::filesystem::is_regular_file(kDefaultApiKeyFile, ec)) {
        return read(kDefaultApiKeyFile, "the default ./" + std::string(kDefaultApiKeyFile));
    }
    return Found();
}

}  // namespace tidepool::cli
