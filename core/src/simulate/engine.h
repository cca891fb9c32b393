// The simulator's event loop: a virtual clock replays a trace against the real placement index
// (placement/server_index.h) and calls the real planner (planner/planner.h) every tick, booting
// the servers it orders with times drawn from the sim provider's model.
//
// Order of events at one instant, so that equal inputs give equal runs: sessions ending, then
// servers finishing their boot, then arrivals (in trace order), then the planner tick. Waiting
// requests are served first come, first served whenever capacity appears.
//
// Simplifications (docs/simulate.md): servers bill from the order until the planner removes
// them; check-in, provider errors, delete time and the pool's max queue wait are not modelled;
// every request is a desktop.
#pragma once

#include <functional>

#include "simulate/metrics.h"
#include "simulate/policy.h"
#include "simulate/scenario.h"
#include "simulate/trace.h"

namespace tidepool::simulate {

struct RunOptions {
    Policy policy = Policy::kConfigured;
    BaselineParams baseline;
    std::int64_t sample_s = 300;
    // Called with each chart sample as it is taken; lets a benchmark observe memory over a run
    // without the engine knowing about it. Must not touch the run's inputs.
    std::function<void(const Sample&)> on_sample;
};

// Deterministic: the scenario's seeds fix every boot time, so equal inputs give equal metrics.
Metrics run(const Scenario& scenario, const Trace& trace, const RunOptions& options);

}  // namespace tidepool::simulate
