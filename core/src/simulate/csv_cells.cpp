#include "simulate/csv_cells.h"

namespace tidepool::simulate {

std::vector<std::string_view> csv_cells(std::string_view line) {
    std::vector<std::string_view> cells;
    std::size_t from = 0;
    while (true) {
        std::size_t comma = line.find(',', from);
        std::string_view cell = line.substr(from, comma - from);
        while (!cell.empty() && (cell.front() == ' ' || cell.front() == '"')) cell.remove_prefix(1);
        while (!cell.empty() && (cell.back() == ' ' || cell.back() == '"' || cell.back() == '\r'))
            cell.remove_suffix(1);
        cells.push_back(cell);
        if (comma == std::string_view::npos) return cells;
        from = comma + 1;
    }
}

}  // namespace tidepool::simulate
