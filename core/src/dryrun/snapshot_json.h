// The snapshot file: everything the planner sees of one pool, as JSON, so a plan can be
// replayed offline (`tidepool plan --snapshot FILE`) and captured live (`tidepool snapshot
// POOL`). The format is documented in docs/snapshot-format.md; instants are RFC 3339 UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "planner/snapshot.h"
#include "tidepool/result.h"

namespace tidepool::dryrun {

struct SnapshotFile {
    planner::PoolSnapshot pool;
    std::optional<planner::Instant> at;  // when it was taken; the default --at
};

std::string write_snapshot(const planner::PoolSnapshot& pool, planner::Instant at);

// Strict: unknown members, wrong types and bad values are refused with the JSON pointer.
Result<SnapshotFile> parse_snapshot(std::string_view text);

}  // namespace tidepool::dryrun
