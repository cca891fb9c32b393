// Proxmox task ids (UPIDs). Long operations (clone, start, stop, destroy) answer with a UPID
// such as "UPID:pve1:0000A1B2:0012C0DE:6566F00D:qmclone:100:tidepool@pve!autoscale:"; the task
// is then followed through /nodes/{node}/tasks/{upid}/status on the node the UPID names, which
// need not be the node the request went to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::proxmox {

struct Upid {
    std::string text;  // the whole UPID, as the API returned it
    std::string node;
    uint32_t pid = 0;
    uint64_t pstart = 0;
    int64_t start_time = 0;  // unix seconds
    std::string type;        // "qmclone", "qmstart", "qmstop", "qmdestroy", ...
    std::string id;          // usually the VMID
    std::string user;        // "user@realm!token"
};

// nullopt when text is not a well-formed UPID.
std::optional<Upid> parse_upid(std::string_view text);

}  // namespace tidepool::proxmox
