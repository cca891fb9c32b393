#include "planner/forecast.h"

#include <algorithm>
#include <cmath>

namespace tidepool::planner {
namespace {

constexpr std::int64_t kDay = 86400;

bool is_weekend(std::int64_t s) {
    std::int64_t day = s >= 0 ? s / kDay : (s - kDay + 1) / kDay;
    int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    return weekday == 0 || weekday == 6;
}

std::int64_t count_in(const std::vector<std::int64_t>& sorted, std::int64_t from, std::int64_t to) {
    return std::lower_bound(sorted.begin(), sorted.end(), to) -
           std::lower_bound(sorted.begin(), sorted.end(), from);
}

}  // namespace

Forecast forecast_arrivals(const ForecastInput& in) {
    Forecast f;
    if (in.arrivals == nullptr || in.lead_s <= 0) return f;
    std::int64_t total = 0;
    bool weekend = is_weekend(in.now_s);
    for (int d = 1; d <= in.lookback_days; ++d) {
        std::int64_t from = in.now_s - d * kDay;
        if (from < in.history_start_s) break;
        if (is_weekend(from) != weekend) continue;
        total += count_in(*in.arrivals, from, from + in.lead_s);
        ++f.days_used;
    }
    if (f.days_used == 0) return f;
    f.mean = static_cast<double>(total) / f.days_used;
    f.expected = static_cast<std::int64_t>(std::ceil(f.mean + 2 * std::sqrt(f.mean)));
    return f;
}

Prediction predict_standby(const std::vector<std::int64_t>& arrivals, std::int64_t now_s,
                           std::int64_t lead_s, int lookback_days, std::int64_t cap) {
    ForecastInput in;
    in.arrivals = &arrivals;
    in.history_start_s = arrivals.empty() ? now_s : arrivals.front();
    in.now_s = now_s;
    in.lead_s = lead_s;
    in.lookback_days = lookback_days;
    return Prediction{forecast_arrivals(in).expected, lead_s, cap};
}

}  // namespace tidepool::planner
