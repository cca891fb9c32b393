// What the startup script step needs that involves no I/O: the size limit, where the script is
// written in the guest, and the tail of its output that goes into an error message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "proxmox_config.h"

namespace tidepool::proxmox {

// agent/file-write takes at most this many bytes of content.
inline constexpr size_t kMaxScriptBytes = 61440;

// The last max_lines non-empty lines of text, joined with " | ".
std::string last_lines(std::string_view text, size_t max_lines);

// Where the script goes in the guest: directory + separator + "tidepool-startup-<name>.sh|.ps1".
std::string script_file(const std::string& directory, OsType os, std::string_view vm_name);

}  // namespace tidepool::proxmox
