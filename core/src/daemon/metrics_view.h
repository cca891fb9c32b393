// What GET /metrics shows: runtime state read at scrape time (pools, machines, queues) plus
// the histograms and counters the runtime and the provider gateway keep, in the Prometheus
// text format. Runs on the control strand, like every state-reading route.
#pragma once

#include <string>

#include "daemon/api_context.h"

namespace tidepool::daemon {

std::string render_metrics(ApiContext& ctx);

}  // namespace tidepool::daemon
