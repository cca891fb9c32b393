// The simulation chart: demand, servers ready and booting, and the queue over time, as one
// self-contained SVG file an operator opens in a browser. Hand-written SVG text: no dependency.
#pragma once

#include <string>

#include "simulate/metrics.h"

namespace tidepool::simulate {

// Sessions (demand, queue) and servers share one y axis scaled to the largest value, so a
// reader compares them directly; servers are drawn in sessions-per-server units when
// `sessions_per_server` > 1, i.e. as the sessions they could hold.
std::string svg_chart(const Metrics& m, int sessions_per_server);

}  // namespace tidepool::simulate
