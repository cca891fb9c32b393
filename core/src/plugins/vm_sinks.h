// Host-side sinks for VM calls: copy what the plugin lends into C++ values before returning.
// The callbacks run inside plugin code, so they never throw; a failure is remembered and the
// call is failed afterwards.
#pragma once

#include <string>
#include <vector>

#include <tidepool/vm_provider.h>

#include "plugins/vm_client.h"

namespace tidepool::plugins {

struct VmCollector {
    std::vector<VmInfo> vms;
    std::string problem;  // set when the plugin handed something unusable
    tp_vm_sink sink();
};

struct CredentialCollector {
    std::vector<Credential> credentials;
    std::string problem;
    tp_credentials_sink sink();
};

// tp_kv_list <-> Tags; the list view borrows from the storage vector.
Tags to_tags(const tp_kv_list& list);
tp_kv_list to_kv_list(const Tags& tags, std::vector<tp_kv>& storage);
tp_str to_tp(const std::string& s);

}  // namespace tidepool::plugins
