// tidepool-vsphere.so: VMware vSphere (vCenter) through the vim25 SOAP API. See
// docs/providers/vsphere.md for the config and what was verified against vcsim and the fake.
#include <cstring>

#include <tidepool/sdk/sdk.hpp>

#include "config_schema.h"
#include "vsphere_client.h"

namespace {

constexpr tp_vm_provider kVmProvider =
    tidepool::sdk::vm_provider_table<tidepool::vsphere::VsphereClient>(
        TP_VM_CAP_STARTUP_SCRIPT, tidepool::vsphere::kConfigSchema);

const void* get_interface(const char* id) {
    return std::strcmp(id, TP_VM_PROVIDER_ID) == 0 ? &kVmProvider : nullptr;
}

constexpr tp_plugin_entry kEntry = tidepool::sdk::make_entry(
    "org.tidepool.vsphere", "0.1.0", "VMware vSphere: clones VMs from a template via vCenter",
    get_interface);

}  // namespace

TIDEPOOL_SDK_ENTRY(kEntry)
