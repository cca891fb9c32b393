// tidepoold's command line.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tidepool/result.h"

namespace tidepool::daemon {

struct DaemonOptions {
    std::string listen_address = "127.0.0.1";
    unsigned short listen_port = 8470;
    std::string data_dir = "data";
    std::vector<std::string> plugin_dirs;  // default: <dir of tidepoold>/../plugins
    std::vector<std::string> apply_files;  // config bundles applied at start
    std::string api_url;                   // default: http://<listen address>:<port>
    std::chrono::milliseconds tick{1000};
    int worker_threads = 4;
    std::chrono::seconds orphan_grace{120};  // unknown tagged VMs younger than this are kept
    int reconcile_every_ticks = 30;          // provider listing every N ticks
    std::size_t body_limit = 1024 * 1024;  // larger request bodies get 413 (apply: 8 MiB)
    std::chrono::milliseconds header_timeout{30000};  // to send a whole request head
    std::string tls_cert, tls_key;
    bool allow_insecure_remote = false;  // serve plain HTTP on a non-loopback address
    bool show_help = false;
    bool show_version = false;
};

const char* daemon_usage();

// Parses argv; an error names the option and what it expects.
Result<DaemonOptions> parse_daemon_options(int argc, char** argv);

}  // namespace tidepool::daemon
