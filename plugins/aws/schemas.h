// The JSON Schemas (draft-04) of the EC2 and Route 53 provider configs.
#pragma once

namespace tidepool::aws {

extern const char kEc2Schema[];
extern const char kRoute53Schema[];

}  // namespace tidepool::aws
