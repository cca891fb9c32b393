#include "simulate/trace_csv.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schedule/iso8601.h"
#include "simulate/csv_cells.h"

namespace tidepool::simulate {
namespace {

std::optional<std::int64_t> integer(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Unix seconds or an ISO-8601 instant; nullopt when it is neither.
std::optional<std::int64_t> start_time(std::string_view text) {
    if (auto unix_s = integer(text)) return unix_s;
    auto at = schedule::parse_instant(text);
    if (!at) return std::nullopt;
    return at.value().time_since_epoch().count();
}

Error bad_cell(std::size_t line, std::string_view column, std::string_view value,
               std::string_view allowed) {
    return make_error(ErrorCode::invalid, "trace line " + std::to_string(line) + ", column " +
                                              std::string(column) + ": \"" + std::string(value) +
                                              "\" is not allowed; use " + std::string(allowed));
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t from = 0;
    while (from <= text.size()) {
        std::size_t nl = text.find('\n', from);
        lines.push_back(text.substr(from, nl - from));
        if (nl == std::string_view::npos) break;
        from = nl + 1;
    }
    return lines;
}

}  // namespace

void sort_arrivals(Trace& trace) {
    std::sort(trace.arrivals.begin(), trace.arrivals.end(), [](const Arrival& a, const Arrival& b) {
        if (a.at_s != b.at_s) return a.at_s < b.at_s;
        if (a.user != b.user) return a.user < b.user;
        return a.duration_s < b.duration_s;
    });
}

bool is_binned_csv(std::string_view text) {
    std::string_view first = text.substr(0, text.find('\n'));
    return first.find("DateTime") != std::string_view::npos ||
           first.find("dteday") != std::string_view::npos;
}

Result<Trace> parse_session_csv(std::string_view text) {
    Trace trace;
    std::map<std::string, std::uint32_t, std::less<>> users;
    std::vector<std::string_view> lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        auto cells = csv_cells(line);
        auto start = start_time(cells[0]);
        if (!start && trace.arrivals.empty() && users.empty() && i == 0) continue;  // header
        if (!start)
            return bad_cell(i + 1, "start", cells[0], "an ISO-8601 UTC instant or Unix seconds");
        if (cells.size() < 2 || cells.size() > 3) {
            return bad_cell(i + 1, "count", line, "2 or 3 columns: start,duration[,user]");
        }
        auto duration = integer(cells[1]);
        if (!duration || *duration <= 0) {
            return bad_cell(i + 1, "duration", cells[1], "a whole number of seconds above 0");
        }
        std::string user = cells.size() == 3 && !cells[2].empty()
                               ? std::string(cells[2])
                               : "\x01row" + std::to_string(i);  // a user of its own
        auto [it, added] = users.try_emplace(user, static_cast<std::uint32_t>(users.size()));
        trace.arrivals.push_back({*start, *duration, it->second});
    }
    trace.users = static_cast<std::uint32_t>(users.size());
    sort_arrivals(trace);
    return trace;
}

}  // namespace tidepool::simulate
