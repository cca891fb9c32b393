// The embedded botocore model subsets (model/*.json, compiled in by CMake), parsed once.
#pragma once

#include <tidepool/sdk/aws/model.h>

namespace tidepool::aws {

const sdk::aws::Model& ec2_model();
const sdk::aws::Model& route53_model();

}  // namespace tidepool::aws
