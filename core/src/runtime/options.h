// Settings of the runtime; tidepoold fills them from its command line.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "secrets/sealer.h"

namespace tidepool::runtime {

struct RuntimeOptions {
    // The address machines use to reach this daemon (for {api_url} and {checkin_url}).
    std::string api_url = "http://127.0.0.1:8470";
    std::chrono::milliseconds tick{1000};          // how often every pool is re-planned
    int reconcile_every_ticks = 30;                // periodic provider listing
    int worker_threads = 4;                        // blocking provider calls run here
    std::chrono::seconds provider_call_timeout{120};
    std::chrono::seconds orphan_grace{120};        // unknown tagged VMs younger than this stay
    std::chrono::seconds capacity_block{300};      // spill over this long after a capacity error
    // Opens the sealed connection secrets of autoscale configs and seals the passwords
    // providers generate (EC2 Windows passwords); null: such passwords are not fetched, as they
    // could not be stored.
    const secrets::Sealer* sealer = nullptr;
    // Key of the machines' service tokens (runtime/service_tokens.h); empty = random per run.
    std::string service_token_key;
    // Test hook: the clock the runtime plans with (defaults to the system clock).
    std::function<std::chrono::sys_seconds()> clock;
    // Structured log sink: level ("debug", "info", "warn", "error") and one line.
    std::function<void(const std::string& level, const std::string& line)> log;
};

}  // namespace tidepool::runtime
