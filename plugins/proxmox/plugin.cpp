// tidepool-proxmox.so: clones Proxmox VE templates into VMIDs of a configured range, sizes and
// starts them, and runs the core's startup script through the QEMU guest agent. See README.md.
#include <cstring>
#include <tidepool/sdk/sdk.hpp>

#include "proxmox_client.h"
#include "proxmox_config.h"

namespace {

const tp_vm_provider kVmProvider =
    tidepool::sdk::vm_provider_table<tidepool::proxmox::ProxmoxClient>(
        TP_VM_CAP_STARTUP_SCRIPT, tidepool::proxmox::kConfigSchema);

const void* get_interface(const char* id) {
    return std::strcmp(id, TP_VM_PROVIDER_ID) == 0 ? &kVmProvider : nullptr;
}

constexpr tp_plugin_entry kEntry = tidepool::sdk::make_entry(
    "org.tidepool.proxmox", "0.1.0",
    "Proxmox VE: linked or full clones of a template, startup script via the guest agent",
    &get_interface);

}  // namespace

TIDEPOOL_SDK_ENTRY(kEntry)
