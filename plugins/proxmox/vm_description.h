// Where a VM keeps Tidepool's tags. Proxmox tags are bare words ([a-z0-9_][a-z0-9_+.-]*), too
// narrow for "tidepool-installation=<uuid>", so the key/value tags live in the VM's description
// (one "tidepool-tag:" line each, percent-encoded) under a line that tells operators who owns
// the VM. Two Proxmox tags complete the picture: "tidepool" marks every VM Tidepool created, so
// listing reads the configs of marked VMs only, and "tidepool-ready" is added once the startup
// script succeeded, so a retried create knows which steps are still to do.
#pragma once

#include <string>
#include <string_view>
#include <tidepool/sdk/strings.hpp>
#include <vector>

namespace tidepool::proxmox {

inline constexpr const char* kMarkerTag = "tidepool";
inline constexpr const char* kReadyTag = "tidepool-ready";

std::string encode_description(const sdk::KeyValues& tags);
// The tags of a description written by encode_description; other lines are ignored.
sdk::KeyValues decode_description(std::string_view description);

// Proxmox's tag list ("a;b", also "," or " " separated) as words, and back with ';'.
std::vector<std::string> split_pve_tags(std::string_view tags);
std::string join_pve_tags(const std::vector<std::string>& tags);
bool has_pve_tag(std::string_view tags, std::string_view tag);

}  // namespace tidepool::proxmox
