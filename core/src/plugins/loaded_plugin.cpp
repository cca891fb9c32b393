#include "plugins/loaded_plugin.h"

namespace tidepool::plugins {

LoadedPlugin::~LoadedPlugin() {
    // deinit runs while the library (and the tp_host it may still log through) is alive;
    // only then may the code go away.
    if (state_.initialised && state_.entry && state_.entry->deinit) state_.entry->deinit();
    state_.vm = nullptr;
    state_.dns = nullptr;
    state_.entry = nullptr;
    state_.library.reset();
}

const ConfigSchema* LoadedPlugin::schema(InterfaceKind kind) const {
    return kind == InterfaceKind::vm ? state_.vm_schema.get() : state_.dns_schema.get();
}

}  // namespace tidepool::plugins
