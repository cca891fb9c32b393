#include "vmid_range.h"

namespace tidepool::proxmox {

std::optional<int64_t> lowest_free_vmid(const VmidRange& range, const std::set<int64_t>& taken) {
    int64_t candidate = range.lower;
    // taken is sorted, so one walk from the lower bound finds the first gap.
    for (auto it = taken.lower_bound(range.lower); it != taken.end() && *it == candidate; ++it) {
        ++candidate;
    }
    if (candidate > range.upper) return std::nullopt;
    return candidate;
}

}  // namespace tidepool::proxmox
