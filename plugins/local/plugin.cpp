// tidepool-local.so: a real provider whose instances are process groups on this machine. Good
// for trying Tidepool without a cloud, for demos, and as the conformance kit's reference.
#include <cstring>

#include <tidepool/sdk/sdk.hpp>

#include "local_client.h"

namespace {

constexpr const char* kConfigSchema = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool local provider",
  "type": "object",
  "properties": {
    "state_dir": {
      "type": "string", "minLength": 1,
      "description":
        "One subdirectory per instance; relative paths start at tidepoold's working directory"
    },
    "max_instances": {
      "type": "integer", "minimum": 0, "default": 10,
      "description": "How many instances this config may own"
    },
    "shell": {
      "type": "string", "minLength": 1, "default": "bash",
      "description": "Program that runs the rendered startup script"
    },
    "address": {
      "type": "string", "default": "127.0.0.1",
      "description": "Address reported for every instance"
    }
  },
  "required": ["state_dir"],
  "additionalProperties": false
})json";

constexpr tp_vm_provider kVmProvider =
    tidepool::sdk::vm_provider_table<tidepool::local_provider::LocalClient>(
        TP_VM_CAP_IDEMPOTENT_CREATE | TP_VM_CAP_STARTUP_SCRIPT, kConfigSchema);

const void* get_interface(const char* id) {
    return std::strcmp(id, TP_VM_PROVIDER_ID) == 0 ? &kVmProvider : nullptr;
}

constexpr tp_plugin_entry kEntry = tidepool::sdk::make_entry(
    "org.tidepool.local", "0.1.0", "Local process groups as instances (no cloud needed)",
    &get_interface);

}  // namespace

TIDEPOOL_SDK_ENTRY(kEntry)
