// One CSV line split into its cells, for both trace shapes the simulator reads. The traces are
// simple exports (no commas inside values), so a cell is what lies between commas, with
// surrounding blanks, quotes and a Windows line end trimmed.
#pragma once

#include <string_view>
#include <vector>

namespace tidepool::simulate {

std::vector<std::string_view> csv_cells(std::string_view line);

}  // namespace tidepool::simulate
