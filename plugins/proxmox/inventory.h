// The cluster's QEMU VMs as /cluster/resources?type=vm reports them: one call that names each
// VM's node, status, lock and Proxmox tags, so the plugin finds templates, free VMIDs, VMs by
// name and the node to address without asking every node.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tidepool/sdk/sdk.hpp>
#include <vector>

#include "pve_api.h"

namespace tidepool::proxmox {

struct PveVm {
    int64_t vmid = 0;
    std::string name;
    std::string node;
    std::string status;  // "running", "stopped", ...
    std::string lock;    // "clone", "create", "destroyed", ... or ""
    std::string tags;    // Proxmox tag list as reported
    bool is_template = false;
};

// The qemu entries of a /cluster/resources answer's data (containers are skipped).
std::vector<PveVm> parse_resources(const rapidjson::Value& data);

std::vector<PveVm> list_cluster_vms(const PveApi& api, const sdk::Call& call);

const PveVm* find_vmid(const std::vector<PveVm>& vms, int64_t vmid);
// The non-template VM called name, or nullptr.
const PveVm* find_named(const std::vector<PveVm>& vms, const std::string& name);

}  // namespace tidepool::proxmox
