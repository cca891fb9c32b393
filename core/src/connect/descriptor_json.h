// The connection descriptor as the API, the CLI (--json) and events carry it.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "connect/descriptor.h"

namespace tidepool::connect {

// {"address","address_source","type","port","info":{…},"credential_type",
//  "smartcard_required","credentials":{"username","password","private_key",
//  "private_key_passphrase"} | null}
void write_descriptor(rapidjson::Writer<rapidjson::StringBuffer>& w,
                      const ConnectionDescriptor& descriptor);

}  // namespace tidepool::connect
