// How an embedding host configures an Engine (tidepool/engine.h).
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tidepool {

enum class LogLevel { debug, info, warn, error };

// Receives every log line of the engine and its plugins. Called from the engine's threads and
// the plugins' worker threads: it must be thread-safe and must not block.
using LogSink = std::function<void(LogLevel level, std::string_view line)>;

struct Options {
    // The SQLite database (created when missing). Required.
    std::filesystem::path store_path;
    // Where the sealing key (sealing.key, mode 0600) lives; empty: the store's directory.
    std::filesystem::path data_dir;
    // Directories scanned for tidepool-*.so provider plugins; each must exist.
    std::vector<std::filesystem::path> plugin_dirs;
    // The host's executor: event handlers run on it, one at a time. Required.
    boost::asio::any_io_executor executor;
    // Log lines; empty: discarded.
    LogSink log;
    // How often every pool is re-planned, and how many ticks between provider listings.
    std::chrono::milliseconds tick{1000};
    int reconcile_every_ticks = 30;
    // Threads for blocking provider calls.
    int worker_threads = 4;
    // The base URL machines reach the host on ({api_url} and {checkin_url} in startup
    // scripts). The engine serves no HTTP: a host whose configs require check-in serves it and
    // forwards to Engine::check_in. Empty: http://127.0.0.1:8470, tidepoold's default.
    std::string api_url;
};

}  // namespace tidepool
