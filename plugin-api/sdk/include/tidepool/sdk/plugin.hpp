// The plugin entry for SDK plugins: a default init/deinit that keep HostServices in host(),
// and TIDEPOOL_SDK_ENTRY, which defines the one exported symbol.
//
//     const void* get_interface(const char* id) { ... return &kTable or nullptr ... }
//     constexpr tp_plugin_entry kEntry =
//         tidepool::sdk::make_entry("org.example.cloud", "1.0.0", "Example cloud", get_interface);
//     TIDEPOOL_SDK_ENTRY(kEntry)
#pragma once

#include <tidepool/entry.h>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>

#include <cstdint>

namespace tidepool::sdk {

inline int32_t default_init(const tp_host* host, tp_error* err) {
    return guard(err, [&] { tidepool::sdk::host() = HostServices(host); });
}

inline void default_deinit() { tidepool::sdk::host() = HostServices(); }

constexpr tp_plugin_entry make_entry(const char* id, const char* version, const char* description,
                                     const void* (*get_interface)(const char*),
                                     int32_t (*init)(const tp_host*, tp_error*) = &default_init,
                                     void (*deinit)() = &default_deinit) {
    return tp_plugin_entry{sizeof(tp_plugin_entry),
                           TP_ABI_MAJOR,
                           TP_ABI_MINOR,
                           0,  // runs on every 1.x host
                           id,
                           version,
                           description,
                           init,
                           deinit,
                           get_interface};
}

}  // namespace tidepool::sdk

// Defines tidepool_entry_v1 returning &ENTRY (a tp_plugin_entry with static storage).
#define TIDEPOOL_SDK_ENTRY(ENTRY)                                                               \
    extern "C" TP_PLUGIN_EXPORT const tp_plugin_entry* tidepool_entry_v1(uint32_t host_minor) { \
        (void)host_minor;                                                                       \
        return &(ENTRY);                                                                        \
    }
