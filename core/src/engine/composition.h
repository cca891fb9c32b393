// The one composition of a Tidepool installation: the SQLite store, the sealing key, the
// machines' service-token key, the plugin stack and the runtime over them. tidepoold and the
// embedding Engine (tidepool/engine.h) are both built from it, so the two can never wire the
// parts differently (a sealer the daemon passes and the engine forgets, say).
#pragma once

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/plugin_stack.h"
#include "runtime/config_apply.h"
#include "runtime/options.h"
#include "runtime/runtime.h"
#include "secrets/sealer.h"
#include "store/store.h"

namespace tidepool::engine {

struct CompositionOptions {
    std::filesystem::path data_dir;    // created when missing; holds sealing.key
    std::filesystem::path store_path;  // empty: <data_dir>/tidepool.db
    std::vector<std::string> plugin_dirs;
    LogSink log;                       // may be empty
};

class Composition {
public:
    // Opens (or creates) the store and the sealing key and loads the plugins. Errors name the
    // path at fault.
    static Result<std::unique_ptr<Composition>> open(CompositionOptions options);
    Composition(const Composition&) = delete;
    Composition& operator=(const Composition&) = delete;

    store::Store& store() { return *store_; }
    const secrets::Sealer& sealer() const { return *sealer_; }
    PluginStack& plugins() { return *plugins_; }
    const std::filesystem::path& data_dir() const { return options_.data_dir; }

    // A runtime on io over this composition: `base` carries the caller's timings; the sealer,
    // the service-token key and the log sink are filled in here. Destroy it before this.
    std::unique_ptr<runtime::Runtime> make_runtime(boost::asio::io_context& io,
                                                   runtime::RuntimeOptions base);

    // Parses and applies a config bundle, as `tidepool configs apply` does: validated whole,
    // connection secrets sealed, stored in one transaction. Run it where the runtime's state
    // may change (its strand, or before the runtime starts).
    Result<runtime::ApplyCounts> apply_bundle_text(std::string_view json);

private:
    explicit Composition(CompositionOptions options) : options_(std::move(options)) {}
    Result<void> open_parts();

    CompositionOptions options_;
    std::unique_ptr<store::Store> store_;
    std::shared_ptr<const secrets::Sealer> sealer_;  // shared with the plugin gateway
    std::string service_token_key_;
    std::unique_ptr<PluginStack> plugins_;
};

}  // namespace tidepool::engine
