// One open client of the Proxmox provider (one provider config). Provider ids are VMIDs;
// the node a VM lives on is looked up in /cluster/resources on every call, so VMs migrated
// between nodes are still found.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string_view>
#include <tidepool/sdk/sdk.hpp>
#include <vector>

#include "inventory.h"
#include "proxmox_config.h"
#include "pve_api.h"
#include "vmid_range.h"

namespace tidepool::proxmox {

class ProxmoxClient {
public:
    static std::unique_ptr<ProxmoxClient> open(std::string_view config_json);
    explicit ProxmoxClient(ProxmoxConfig config);

    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink);
    void get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink);
    void list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink);
    void remove(const sdk::Call& call, std::string_view provider_id);

private:
    enum class CloneResult { cloned, vmid_taken };

    // create_vm.cpp: the steps of a create, each safe to repeat on a retried create.
    const PveVm& find_template(const std::vector<PveVm>& vms) const;
    void check_max_instances(const std::vector<PveVm>& vms) const;
    PveVm clone_into_free_vmid(const sdk::Call& call, const sdk::VmSpec& spec,
                               const std::vector<PveVm>& vms);
    CloneResult try_clone(const sdk::Call& call, const sdk::VmSpec& spec, const PveVm& tmpl,
                          int64_t vmid);
    bool taken_by_other(const sdk::Call& call, int64_t vmid, const std::string& name) const;
    void finish(const sdk::Call& call, const PveVm& vm, const sdk::VmSpec& spec);
    void start(const sdk::Call& call, const PveVm& vm);
    void destroy_half_built(const sdk::Call& call, const PveVm& vm, const std::string& why);

    // proxmox_client.cpp
    bool is_ours(const PveVm& vm) const;
    PveVm wait_unlocked(const sdk::Call& call, PveVm vm) const;
    PveVm refreshed(const sdk::Call& call, int64_t vmid) const;
    sdk::VmRecord describe(const sdk::Call& call, const PveVm& vm, bool with_address) const;
    void destroy(const sdk::Call& call, const PveVm& vm);
    void follow(const sdk::Call& call, const ApiAnswer& answer, const std::string& what) const;

    ProxmoxConfig config_;
    PveApi api_;
    VmidRange range_;
};

// The VMID in a provider id, or nullopt when it is not one.
std::optional<int64_t> parse_vmid(std::string_view provider_id);

}  // namespace tidepool::proxmox
