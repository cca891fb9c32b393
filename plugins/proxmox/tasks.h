// Following Proxmox tasks. Clone, start, stop and destroy answer at once with a UPID; the work
// runs in the background and ends with an exit status ("OK", "WARNINGS: n", or the error).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tidepool/sdk/sdk.hpp>

#include "pve_api.h"

namespace tidepool::proxmox {

struct TaskOutcome {
    bool ok = false;
    std::string exit_status;  // as the task reported it
};

// True for "OK" and "WARNINGS: n" (the task did its work and logged warnings).
bool task_succeeded(std::string_view exit_status);

// Polls the task every poll_ms until it stopped. Throws on a malformed UPID, on API failures,
// and (through the host clock) when the call is cancelled or its deadline passes.
TaskOutcome wait_for_task(const PveApi& api, const sdk::Call& call, std::string_view upid,
                          int64_t poll_ms);

// The UPID in an answer's data, or a TP_ERR_INTERNAL naming what answered without one.
std::string upid_of(const ApiAnswer& answer, const std::string& what);

}  // namespace tidepool::proxmox
