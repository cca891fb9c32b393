// Tidepool's tags on a vSphere VM, carried in the VM's annotation (its "Notes").
//
// Why the annotation rather than vSphere tags or custom attributes: vSphere tags live in the
// separate vAPI REST service (not vim25), custom attributes need a field definition created
// with extra privileges first, while the annotation is a plain VirtualMachineConfigSpec
// member: it is set in the same CloneVM_Task (so real vCenter tags the VM atomically with its
// creation), every vim25 server including vcsim stores it, and one PropertyCollector read of
// config.annotation lists every VM's tags. Operators see the block in the VM's Notes:
//
//     Managed by Tidepool; do not edit the lines below.
//     tidepool-installation=inst-1
//     tidepool-config=linux-pool
//
// Keys and values are percent-encoded where they hold '%', '=', CR or LF, so any tag survives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tidepool/sdk/strings.hpp>

namespace tidepool::vsphere {

std::string encode_annotation(const sdk::KeyValues& tags);
// The tags in an annotation, or nullopt when it carries no Tidepool block.
std::optional<sdk::KeyValues> decode_annotation(std::string_view annotation);

}  // namespace tidepool::vsphere
