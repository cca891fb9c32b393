#include "daemon/daemon_options.h"

#include <functional>
#include <map>

namespace tidepool::daemon {

const char* daemon_usage() {
    return R"(Usage: tidepoold [OPTIONS]

Runs the Tidepool daemon: the REST API, the reconcile loop and the provider plugins.

Options:
  --listen ADDR:PORT    Address to serve the API on (default 127.0.0.1:8470; port 0 picks a
                        free port and prints it).
  --data-dir DIR        Where state lives: tidepool.db (SQLite, WAL), plugin state,
                        sealing.key (0600: encrypts provider secrets at rest; back it up with
                        the database) and, on first start, admin-api-key (0600: the bootstrap
                        admin API key) (default ./data; created if missing).
  --plugin-dir DIR      A directory of tidepool-*.so provider plugins; repeat for several
                        (default: the plugins/ directory next to tidepoold's bin/ directory).
  --apply FILE          Apply a config bundle (zones, pools, provider_configs,
                        autoscale_configs) at start, as `tidepool configs apply` does; repeatable.
  --api-url URL         The URL machines use to reach this daemon, for {api_url} and
                        {checkin_url} in startup scripts (default http://ADDR:PORT).
  --tick-ms N           How often every pool is re-planned, in milliseconds (default 1000).
  --workers N           Threads for blocking provider calls (default 4).
  --reconcile-every N   List every provider and reconcile every N ticks (default 30).
  --orphan-grace-s N    Delete a VM carrying this installation's tags that no machine owns
                        once it has been seen for N seconds (default 120; lower it only when
                        nothing else creates VMs with these tags).
  --body-limit BYTES    Largest request body accepted; larger ones are refused with 413
                        before being read (default 1048576; POST /api/v1/apply always
                        accepts up to 8 MiB, or BYTES when larger).
  --header-timeout-ms N A client must send a complete request head within N ms of
                        connecting or of its previous response, else the connection is
                        closed (default 30000): slow or stalled clients cannot hold it.
  --tls-cert FILE       PEM certificate chain; with --tls-key, serve HTTPS (TLS 1.2+).
  --tls-key FILE        PEM private key for --tls-cert.
  --allow-insecure-remote
                        Allow plain HTTP on a non-loopback address (logs a warning).
  --help                Show this help and exit.
  --version             Show the version and exit.

Every API route but /healthz, /readyz and the servers' check-in needs an API key
("Authorization: Bearer <id>.<secret>"; docs/security.md).

Signals: SIGHUP reloads plugins (new or replaced .so files; calls in flight finish on the old
version first); SIGTERM and SIGINT stop gracefully.
)";
}

namespace {

Error usage_error(const std::string& message) {
    return make_error(ErrorCode::invalid, message + " (see tidepoold --help)");
}

Result<int> to_int(const std::string& option, const std::string& text, int min, int max) {
    try {
        size_t used = 0;
        int v = std::stoi(text, &used);
        if (used == text.size() && v >= min && v <= max) return v;
    } catch (...) {
    }
    return usage_error(option + " expects a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", not \"" + text + "\"");
}

Result<void> set_listen(DaemonOptions& o, const std::string& text) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return usage_error("--listen expects ADDR:PORT, e.g. 127.0.0.1:8470, not \"" + text + "\"");
    auto port = to_int("--listen port", text.substr(colon + 1), 0, 65535);
    if (!port.ok()) return port.error();
    o.listen_address = text.substr(0, colon);
    if (o.listen_address.size() > 2 && o.listen_address.front() == '[')
        o.listen_address = o.listen_address.substr(1, o.listen_address.size() - 2);
    o.listen_port = static_cast<unsigned short>(port.value());
    return {};
}

using Setter = std::function<Result<void>(DaemonOptions&, const std::string&)>;

const std::map<std::string, Setter>& valued_options() {
    static const std::map<std::string, Setter> table = {
        {"--listen", set_listen},
        {"--data-dir", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.data_dir = v; return {}; }},
        {"--plugin-dir", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.plugin_dirs.push_back(v); return {}; }},
        {"--apply", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.apply_files.push_back(v); return {}; }},
        {"--api-url", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.api_url = v; return {}; }},
        {"--tls-cert", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.tls_cert = v; return {}; }},
        {"--tls-key", [](DaemonOptions& o, const std::string& v) -> Result<void> { o.tls_key = v; return {}; }},
        {"--tick-ms", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--tick-ms", v, 10, 3600000);
             if (!n.ok()) return n.error();
             o.tick = std::chrono::milliseconds(n.value());
             return {};
         }},
        {"--body-limit", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--body-limit", v, 1024, 1024 * 1024 * 1024);
             if (!n.ok()) return n.error();
             o.body_limit = static_cast<std::size_t>(n.value());
             return {};
         }},
        {"--header-timeout-ms", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--header-timeout-ms", v, 100, 3600000);
             if (!n.ok()) return n.error();
             o.header_timeout = std::chrono::milliseconds(n.value());
             return {};
         }},
        {"--reconcile-every", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--reconcile-every", v, 1, 1000000);
             if (!n.ok()) return n.error();
             o.reconcile_every_ticks = n.value();
             return {};
         }},
        {"--orphan-grace-s", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--orphan-grace-s", v, 0, 86400 * 7);
             if (!n.ok()) return n.error();
             o.orphan_grace = std::chrono::seconds(n.value());
             return {};
         }},
        {"--workers", [](DaemonOptions& o, const std::string& v) -> Result<void> {
             auto n = to_int("--workers", v, 1, 256);
             if (!n.ok()) return n.error();
             o.worker_threads = n.value();
             return {};
         }},
    };
    return table;
}

}  // namespace

Result<DaemonOptions> parse_daemon_options(int argc, char** argv) {
    DaemonOptions o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i], value;
        bool inline_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inline_value = true;
        }
        if (arg == "--help" || arg == "-h") { o.show_help = true; continue; }
        if (arg == "--version") { o.show_version = true; continue; }
        if (arg == "--allow-insecure-remote") { o.allow_insecure_remote = true; continue; }
        auto it = valued_options().find(arg);
        if (it == valued_options().end()) return usage_error("unknown option \"" + arg + "\"");
        if (!inline_value) {
            if (i + 1 >= argc) return usage_error(arg + " needs a value");
            value = argv[++i];
        }
        if (auto r = it->second(o, value); !r.ok()) return r.error();
    }
    if (o.tls_cert.empty() != o.tls_key.empty())
        return usage_error("--tls-cert and --tls-key go together");
    return o;
}

}  // namespace tidepool::daemon
