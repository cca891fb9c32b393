// Runs the rendered startup script inside a new VM through VMware Tools guest operations:
// wait for the tools, create temporary files for the script and its output, upload the script
// (InitiateFileTransferToGuest + HTTPS PUT), start it with bash or PowerShell
// (StartProgramInGuest), poll ListProcessesInGuest until it ends, and on a non-zero exit fetch
// the output's last lines (InitiateFileTransferFromGuest + GET) for the error.
#pragma once

#include <string>
#include <string_view>

#include <tidepool/sdk/call.hpp>

#include "inventory.h"
#include "vim_types.h"
#include "vsphere_config.h"

namespace tidepool::vsphere {

inline constexpr int kScriptTailLines = 10;

// The program and arguments that run `script` with its output in `log`, per OS family.
struct GuestCommand {
    std::string program;
    std::string arguments;
};
GuestCommand script_command(OsFamily os, std::string_view script, std::string_view log);

// The last `lines` lines of text (without a trailing newline).
std::string last_lines(std::string_view text, int lines);

// Replaces the "*" host vCenter puts in guest transfer URLs with the vCenter address.
std::string transfer_url(std::string url, std::string_view vcenter);

// Throws ProviderError (TP_ERR_INTERNAL, provider code "StartupScriptFailed") with the exit
// code and the output's last lines when the script fails.
void run_startup_script(Inventory& inventory, const sdk::Call& call, const VsphereConfig& config,
                        const vim::MoRef& vm, std::string_view script);

}  // namespace tidepool::vsphere
