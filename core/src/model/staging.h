// Staging configs: pre-started ("staged") sessions an agent pool keeps ready per workspace, so
// a user asking for that workspace is placed at once instead of waiting for a container start.
// The rules (what to create, expire, drop) live in staging/staging_plan.h; this is the value.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "model/ids.h"
#include "tidepool/result.h"

namespace tidepool::model {

struct StagingConfig {
    Id id;
    std::string name;
    Id pool_id;             // an agent pool
    std::string workspace;  // what a request names to take one of these sessions
    int desired_count = 0;  // staged sessions kept ready (0 = none, the config is kept)
    int expiry_hours = 24;  // a staged session nobody took is replaced after this long
    double cores = 0, gpus = 0, memory_gib = 0;  // held per staged session
    bool enabled = true;    // false: unused staged sessions are dropped, none are created

    bool operator==(const StagingConfig&) const = default;
};

// Validated decoding (same conventions as json_codec.h: errors are ErrorCode::invalid with the
// member's JSON pointer, the bad value and what is allowed).
Result<StagingConfig> parse_staging_config(const rapidjson::Value& value,
                                           std::string_view pointer_prefix = "");
void write_json(rapidjson::Writer<rapidjson::StringBuffer>& w, const StagingConfig& config);

}  // namespace tidepool::model
