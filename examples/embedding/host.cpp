// embedding-host: the smallest useful host of the Tidepool engine. It owns an io_context, gives
// the engine its executor, a temporary store and the installed sim plugin, and tells the story
// in demo.h. Exits 0 only when every expected event arrived within the timeout.
//
// Usage: embedding-host [--plugin-dir DIR] [--timeout-s N]
#include <boost/asio/io_context.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>

#include <tidepool/engine.h>

#include "demo.h"

namespace {

// One pool of desktops, servers holding one session each, on a simulated cloud of at most two
// machines that boot in 2 s: less capacity than the three users in the demo.
const char* const kBundle = R"({
  "zones": [{"id": "here", "name": "Here", "upstream_auth_address": "127.0.0.1:8470"}],
  "pools": [{"id": "desktops", "name": "Desktops", "kind": "server"}],
  "provider_configs": [{"id": "sim", "name": "Simulated cloud", "kind": "vm",
    "plugin_id": "org.tidepool.sim",
    "config": {"max_instances": 2,
               "boot_seconds": {"distribution": "fixed", "mean": 2},
               "delete_seconds": {"distribution": "fixed", "mean": 1}}}],
  "autoscale_configs": [{"id": "desktops-sim", "name": "On demand", "pool_id": "desktops",
    "zone_id": "here", "vm_provider_id": "sim", "min_available_sessions": 0,
    "max_sessions_per_server": 1, "max_users_per_server": 1, "downscale_backoff_s": 600,
    "connection_type": "rdp", "connection_username": "desk", "connection_password": "example",
    "connection_info": {"gateway": "gw.example.com"}}]
})";

struct Args {
    std::string plugin_dir = EXAMPLE_PLUGIN_DIR;
    int timeout_s = 60;
};

bool parse(int argc, char** argv, Args& args) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--plugin-dir" && i + 1 < argc) {
            args.plugin_dir = argv[++i];
        } else if (a == "--timeout-s" && i + 1 < argc) {
            args.timeout_s = std::atoi(argv[++i]);
            if (args.timeout_s <= 0) return false;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse(argc, argv, args)) {
        std::cerr << "usage: embedding-host [--plugin-dir DIR] [--timeout-s N (> 0)]\n";
        return 64;
    }
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("tidepool-embedding-" + std::to_string(::getpid()));
    boost::asio::io_context io;
    tidepool::Options options;
    options.store_path = dir / "tidepool.db";
    options.plugin_dirs = {args.plugin_dir};
    options.executor = io.get_executor();
    options.tick = std::chrono::milliseconds(200);
    options.log = [](tidepool::LogLevel level, std::string_view line) {
        if (level >= tidepool::LogLevel::warn) std::cerr << "engine: " << line << "\n";
    };
    auto engine = tidepool::Engine::create(options);
    if (!engine.ok()) {
        std::cerr << "cannot start the engine: " << engine.error().field << " "
                  << engine.error().message << "\n";
        return 1;
    }
    Demo demo(io, *engine.value());
    int code = 1;
    if (demo.start(kBundle, std::chrono::seconds(args.timeout_s))) {
        io.run();  // events are handled here, on this thread
        code = demo.exit_code();
    }
    engine.value().reset();  // stops the engine: planning, provider calls, its threads
    fs::remove_all(dir);
    return code;
}
