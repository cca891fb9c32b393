#include "simulate/bins.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "schedule/iso8601.h"
#include "simulate/csv_cells.h"

namespace tidepool::simulate {
namespace {

std::optional<double> number(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

int column(const std::vector<std::string_view>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
}

Error bad(std::size_t line, std::string_view col, std::string_view value, std::string_view use) {
    return make_error(ErrorCode::invalid, "trace line " + std::to_string(line) + ", column " +
                                              std::string(col) + ": \"" + std::string(value) +
                                              "\" is not allowed; use " + std::string(use));
}

// The columns of one shape: where the instant, the hour (hourly files) and the count are.
struct Layout {
    int time = -1;
    int hour = -1;
    int count = -1;
    std::string_view time_name, count_name;
};

Result<Layout> layout_of(const std::vector<std::string_view>& header) {
    if (int t = column(header, "DateTime"); t >= 0) {
        return Layout{t, -1, column(header, "Calls"), "DateTime", "Calls"};
    }
    if (int d = column(header, "dteday"); d >= 0) {
        return Layout{d, column(header, "hr"), column(header, "registered"), "dteday",
                      "registered"};
    }
    return make_error(ErrorCode::invalid,
                      "trace line 1: a binned trace needs a DateTime,Calls header "
                      "(bank_calls_5min.csv) or dteday,hr,registered (bike_sharing_hour.csv)");
}

}  // namespace

Result<std::map<std::int64_t, DayBins>> read_bins(std::string_view csv) {
    std::map<std::int64_t, DayBins> days;
    std::size_t from = 0, line_no = 0;
    Layout layout;
    while (from < csv.size()) {
        std::size_t nl = csv.find('\n', from);
        std::string_view line = csv.substr(from, nl - from);
        from = nl == std::string_view::npos ? csv.size() : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        auto cells = csv_cells(line);
        if (line_no == 1) {
            auto l = layout_of(cells);
            if (!l) return l.error();
            layout = *l;
            if (layout.count < 0 || (layout.time_name == "dteday" && layout.hour < 0)) {
                return bad(1, "header", line, "a header naming the count and hour columns");
            }
            continue;
        }
        int needed = std::max({layout.time, layout.hour, layout.count});
        if (static_cast<int>(cells.size()) <= needed) {
            return bad(line_no, "count", line, "one cell per header column");
        }
        std::string stamp(cells[layout.time]);
        if (layout.hour >= 0) {
            auto hr = number(cells[layout.hour]);
            if (!hr || *hr >= 24) return bad(line_no, "hr", cells[layout.hour], "0..23");
            stamp += "T" + std::string(*hr < 10 ? "0" : "") + std::to_string(int(*hr)) + ":00:00Z";
        }
        auto at = schedule::parse_instant(stamp);
        if (!at) return bad(line_no, layout.time_name, cells[layout.time], "an ISO-8601 instant");
        auto count = number(cells[layout.count]);
        if (!count) return bad(line_no, layout.count_name, cells[layout.count], "a count >= 0");
        std::int64_t s = at.value().time_since_epoch().count();
        std::int64_t day = s >= 0 ? s / 86400 : (s - 86399) / 86400;
        int slot = static_cast<int>((s - day * 86400) / kSlotSeconds);
        int span = layout.hour >= 0 ? 12 : 1;  // an hourly bin spreads over 12 slots
        DayBins& bins = days[day];
        for (int i = 0; i < span && slot + i < kSlotsPerDay; ++i) {
            bins.count[slot + i] += *count / span;
            bins.covered[slot + i] = true;
        }
    }
    return days;
}

}  // namespace tidepool::simulate
