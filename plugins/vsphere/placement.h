// Where clones go: the template and the relocate targets named in the config, each optional
// one falling back to the template's own (its folder, datastore, resource pool). Names are
// resolved with SearchIndex.FindByInventoryPath under the datacenter, so folder and resource
// pool may be nested paths ("linux/pools"). A datastore cluster resolves to its member
// datastore with the most free space (what Storage DRS's initial placement would favour).
#pragma once

#include <string>

#include <tidepool/sdk/call.hpp>

#include "inventory.h"
#include "vim_types.h"
#include "vsphere_config.h"

namespace tidepool::vsphere {

struct Placement {
    vim::MoRef template_vm;
    vim::MoRef folder;
    vim::MoRef datastore;        // empty: the template's
    vim::MoRef pool;             // empty: the template's
    std::string datastore_name;  // the clone's target datastore, for capacity errors
};

// Throws ProviderError(TP_ERR_INVALID_CONFIG) naming the field whose object does not exist.
Placement resolve_placement(Inventory& inventory, const sdk::Call& call,
                            const VsphereConfig& config);

}  // namespace tidepool::vsphere
