// The structural checks of the v1 ABI on what a plugin hands the host: struct sizes against
// the v1.0 sizes, version numbers, and required (non-NULL) members. Pure functions, so the
// rules can be read in one place and tested without loading anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <tidepool/dns_provider.h>
#include <tidepool/entry.h>
#include <tidepool/result.h>
#include <tidepool/vm_provider.h>

namespace tidepool::plugins {

// The v1.0 sizes: a plugin built against a later minor may hand bigger structs, never smaller.
// Spelled as "end of the last 1.0 member" so they stay right when later minors append fields.
inline constexpr uint32_t kEntrySizeV1_0 = offsetof(tp_plugin_entry, get_interface) + sizeof(void*);
inline constexpr uint32_t kVmProviderSizeV1_0 =
    offsetof(tp_vm_provider, get_credentials) + sizeof(void*);
inline constexpr uint32_t kDnsProviderSizeV1_0 =
    offsetof(tp_dns_provider, list_records) + sizeof(void*);
inline constexpr uint32_t kVmInfoSizeV1_0 = offsetof(tp_vm_info, detail) + sizeof(tp_str);

// Why a plugin is refused, and at which step of the load.
struct Refusal {
    std::string step;
    ErrorCode code = ErrorCode::invalid;
    std::string reason;
};

using Check = std::optional<Refusal>;

// "M.m" for messages, from an entry whose first 16 bytes are readable.
std::string plugin_abi_text(const tp_plugin_entry& entry);

// NULL, too short, wrong major, needs a newer host minor, missing id/version/functions.
// Sets plugin_abi to the entry's "M.m" as soon as the versions can be read.
Check check_entry(const tp_plugin_entry* entry, std::string& plugin_abi);

Check check_vm_provider(const tp_vm_provider* table);
Check check_dns_provider(const tp_dns_provider* table);

}  // namespace tidepool::plugins
