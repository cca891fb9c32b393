// One open vSphere provider config: the SDK client class behind the tp_vm_provider table.
// VMs are identified by their managed object id ("vm-42"); their Tidepool tags live in the
// annotation (see annotation_tags.h). The VM name is the core's unique name, so a retried
// create finds the VM an earlier attempt cloned instead of cloning again.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include <tidepool/sdk/sdk.hpp>

#include "inventory.h"
#include "placement.h"
#include "soap_session.h"
#include "vsphere_config.h"

namespace tidepool::vsphere {

class VsphereClient {
public:
    static std::unique_ptr<VsphereClient> open(std::string_view config_json);
    explicit VsphereClient(VsphereConfig config);

    void create(const sdk::Call& call, const sdk::VmSpec& spec, const sdk::VmSink& sink);
    void get(const sdk::Call& call, std::string_view provider_id, const sdk::VmSink& sink);
    void list(const sdk::Call& call, const sdk::KeyValues& filter, const sdk::VmSink& sink);
    void remove(const sdk::Call& call, std::string_view provider_id);

private:
    const Placement& placement(const sdk::Call& call);
    // The VM named spec.name if it exists; otherwise throws TP_ERR_CAPACITY when this config
    // already owns max_instances VMs.
    std::optional<vim::ObjectContent> find_or_check_quota(const sdk::Call& call,
                                                          const sdk::VmSpec& spec);
    vim::MoRef clone(const sdk::Call& call, const sdk::VmSpec& spec);
    void finish(const sdk::Call& call, const vim::MoRef& vm, const sdk::VmSpec& spec,
                bool powered_on);
    void destroy(const sdk::Call& call, const vim::MoRef& vm);

    VsphereConfig config_;
    SoapSession session_;
    Inventory inventory_;
    std::optional<Placement> placement_;  // resolved once; dropped when an object vanished
};

}  // namespace tidepool::vsphere
