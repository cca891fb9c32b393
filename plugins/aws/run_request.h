// The RunInstances request for one VM: the config's fields, the spec's idempotency key as
// ClientToken, every spec tag (plus Name and custom_tags) on the instance and its volumes, the
// startup script as base64 user data, then config_override.instance_config merged on top.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>

#include <tidepool/sdk/vm.hpp>

#include "aws_config.h"

namespace tidepool::aws {

// EC2's limit on user data before base64 encoding.
inline constexpr size_t kMaxUserDataBytes = 16 * 1024;

// Throws ProviderError(TP_ERR_INVALID_CONFIG) naming the field: a startup script over 16 KiB
// (/startup_script), an override member EC2 does not have or of the wrong type
// (/config_override/instance_config/...), or one Tidepool manages itself.
rapidjson::Document run_instances_params(const Ec2Config& config, const sdk::VmSpec& spec);

// Builds and serializes a request for a placeholder spec, so a bad override is refused when
// the config is opened rather than at the first scale-out.
void check_run_instances_config(const Ec2Config& config);

}  // namespace tidepool::aws
