// The plugin conformance kit: what `tidepool plugin check FILE.so [--config CONFIG.json]` runs.
//
// Without a config it loads the one file with every loader check (a refusal is a failure),
// which covers negotiation, the interface tables and the schema. With a config it also drives
// a full VM lifecycle against the real provider: validate the config, open, create one tagged
// instance, find it by tag and by id, retry the create with the same idempotency key, delete
// it, wait until it is gone, delete again (must succeed), close.
//
// Each step prints one line, "ok   <step>" or "FAIL <step>: <reason>".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "plugins/host_services.h"

namespace tidepool::plugins {

struct ConformanceOptions {
    HostServices services;  // unset members get defaults; log lines are dropped
    int gone_polls = 40;    // how often to look for the deleted instance to be gone
    int64_t poll_interval_ms = 250;
    int64_t call_timeout_ms = 120000;  // deadline of each provider call
};

// 0 when every step passed, 1 otherwise.
int check_plugin(const std::filesystem::path& file, const std::optional<std::string>& config_json,
                 std::ostream& out, ConformanceOptions options = {});

}  // namespace tidepool::plugins
