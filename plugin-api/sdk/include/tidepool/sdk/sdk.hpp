// The Tidepool plugin SDK: optional header-only C++17 helpers compiled into a plugin.
// Nothing here crosses the ABI; the C headers in <tidepool/*.h> remain the contract.
#pragma once

#include <tidepool/sdk/call.hpp>
#include <tidepool/sdk/config.hpp>
#include <tidepool/sdk/dns_provider.hpp>
#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/host.hpp>
#include <tidepool/sdk/plugin.hpp>
#include <tidepool/sdk/strings.hpp>
#include <tidepool/sdk/vm.hpp>
#include <tidepool/sdk/vm_provider.hpp>
