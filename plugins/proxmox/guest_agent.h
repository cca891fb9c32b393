// The startup script, run through the QEMU guest agent: wait until the agent answers a ping,
// write the script into the guest (agent/file-write), start it with bash or PowerShell
// (agent/exec) and poll agent/exec-status until it exits. A non-zero exit becomes an error
// carrying the exit code and the last lines of the script's output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tidepool/sdk/sdk.hpp>

#include "guest_script.h"
#include "proxmox_config.h"
#include "pve_api.h"

namespace tidepool::proxmox {

class GuestAgent {
public:
    GuestAgent(const PveApi& api, const ProxmoxConfig& config, std::string node, int64_t vmid);

    // Pings until the agent answers; TP_ERR_TIMEOUT after config.agent_timeout_ms.
    void wait_until_ready(const sdk::Call& call) const;
    // Writes and runs the script; throws TP_ERR_INTERNAL (StartupScriptFailed) on a non-zero
    // exit code.
    void run_script(const sdk::Call& call, std::string_view vm_name,
                    const std::string& script) const;
    // The first non-loopback IPv4 address the agent reports, or "" (agent not up yet, no IP).
    std::string first_ipv4(const sdk::Call& call) const;

private:
    int64_t start_program(const sdk::Call& call, const std::string& file) const;
    // Polls exec-status for pid until it exited; returns (exit code, combined output).
    std::pair<int64_t, std::string> wait_for_exit(const sdk::Call& call, int64_t pid) const;

    const PveApi& api_;
    const ProxmoxConfig& config_;
    std::string node_;
    int64_t vmid_;
};

}  // namespace tidepool::proxmox
