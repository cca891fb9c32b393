// Turning a VirtualMachine's properties into the VmRecord the host sees.
#pragma once

#include <string>
#include <vector>

#include <tidepool/sdk/vm.hpp>

#include "vim_responses.h"

namespace tidepool::vsphere {

// The properties every VM read fetches.
const std::vector<std::string>& vm_properties();

// TP_VM_STATE_* for a runtime.powerState ("poweredOn", "poweredOff", "suspended").
int32_t vm_state(const std::string& power_state);

// The record for a VM (tags decoded from its annotation; none when it carries no block).
sdk::VmRecord vm_record(const vim::ObjectContent& vm);

}  // namespace tidepool::vsphere
