// Choosing a VMID. Proxmox does not hand out VMIDs atomically (/cluster/nextid only suggests
// one), so a create picks the lowest free ID of its configured range, tries the clone, and on a
// conflict marks that ID taken and moves on -- never leaving the range.
#pragma once

#include <cstdint>
#include <optional>
#include <set>

namespace tidepool::proxmox {

struct VmidRange {
    int64_t lower = 0;
    int64_t upper = 0;  // inclusive

    bool contains(int64_t vmid) const { return vmid >= lower && vmid <= upper; }
    int64_t size() const { return upper - lower + 1; }
};

// The lowest VMID in range that is not in taken; nullopt when the range is full.
std::optional<int64_t> lowest_free_vmid(const VmidRange& range, const std::set<int64_t>& taken);

}  // namespace tidepool::proxmox
