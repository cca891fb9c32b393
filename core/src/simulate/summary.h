// The simulator's outputs as text: the JSON summary (docs/simulate.md "Output fields") and the
// comparison table printed on stdout. Numbers are printed with fixed precision so the same run
// gives byte-identical text.
#pragma once

#include <string>

#include "simulate/report.h"

namespace tidepool::simulate {

std::string summary_json(const Report& report);
std::string comparison_table(const Report& report);

}  // namespace tidepool::simulate
