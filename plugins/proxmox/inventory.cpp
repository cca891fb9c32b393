#include "inventory.h"

namespace tidepool::proxmox {

std::vector<PveVm> list_cluster_vms(const PveApi& api, const sdk::Call& call) {
    ApiAnswer answer = api.expect(call, "GET", "/cluster/resources", {{"type", "vm"}});
    return parse_resources(answer.data());
}

}  // namespace tidepool::proxmox
