#include "simulate/arrivals.h"

#include <algorithm>
#include <cmath>

#include "prng.h"  // the sim provider's PRNG: a seed replays on any standard library
#include "simulate/bins.h"

namespace tidepool::simulate {
namespace {

using Profile = std::array<double, kSlotsPerDay>;

struct Shape {
    std::map<std::int64_t, DayBins> days;
    Profile mean{};      // mean count per slot over the days that cover it
    double per_day = 0;  // mean count per day with data (covered slots only)
    double night = 0;    // count per slot where a day has no data
};

Shape shape_of(std::map<std::int64_t, DayBins> days, const ArrivalModel& m) {
    Shape s;
    std::array<int, kSlotsPerDay> seen{};
    double total = 0;
    for (const auto& [day, bins] : days) {
        for (int i = 0; i < kSlotsPerDay; ++i) {
            if (!bins.covered[i]) continue;
            s.mean[i] += bins.count[i];
            ++seen[i];
            total += bins.count[i];
        }
    }
    for (int i = 0; i < kSlotsPerDay; ++i) s.mean[i] = seen[i] ? s.mean[i] / seen[i] : 0;
    s.per_day = days.empty() ? 0 : total / static_cast<double>(days.size());
    s.night = m.night_factor * *std::max_element(s.mean.begin(), s.mean.end());
    s.days = std::move(days);
    return s;
}

// Expected arrivals per slot of one calendar day, before scaling.
Profile day_profile(const Shape& s, std::int64_t day, const ArrivalModel& m) {
    Profile p;
    auto it = s.days.find(day);
    for (int i = 0; i < kSlotsPerDay; ++i) {
        if (it == s.days.end()) {
            p[i] = std::max(s.mean[i] * m.weekend_factor, s.night);
        } else {
            p[i] = it->second.covered[i] ? it->second.count[i] : s.night;
        }
    }
    return p;
}

// Poisson draw: Knuth's product method for small means, a rounded normal above 30 (where the
// two agree to well under a percent and Knuth would cost one uniform per arrival).
std::int64_t poisson(sim::Prng& rng, double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
        return std::max<std::int64_t>(0, std::llround(mean + std::sqrt(mean) * rng.normal()));
    }
    double limit = std::exp(-mean), product = rng.uniform();
    std::int64_t n = 0;
    while (product > limit) {
        ++n;
        product *= rng.uniform();
    }
    return n;
}

std::int64_t clamp_duration(double seconds) {
    return std::clamp<std::int64_t>(std::llround(seconds), 60, 12 * 3600);
}

std::int64_t duration_of(sim::Prng& rng, std::int64_t at_s, const ArrivalModel& m) {
    double adhoc = -m.adhoc_mean_min * 60 * std::log(1.0 - rng.uniform());
    if (rng.uniform() >= m.workday_share) return clamp_duration(adhoc);
    std::int64_t midnight = at_s - ((at_s % 86400) + 86400) % 86400;
    double logoff = static_cast<double>(midnight) + m.logoff_mean_h * 3600 +
                    m.logoff_sigma_min * 60 * rng.normal();
    double length = logoff - static_cast<double>(at_s);
    return clamp_duration(length >= 15 * 60 ? length : adhoc);
}

}  // namespace

Result<Trace> arrivals_from_bins(std::string_view csv, const ArrivalModel& m) {
    auto bins = read_bins(csv);
    if (!bins) return bins.error();
    if (bins->empty()) return make_error(ErrorCode::invalid, "trace: the binned CSV has no rows");
    std::int64_t first = bins->begin()->first;
    Shape shape = shape_of(std::move(*bins), m);
    double k = static_cast<double>(m.users) * m.logons_per_user / shape.per_day;
    sim::Prng rng(m.seed);
    Trace trace;
    trace.users = m.users;
    std::int64_t from = m.from_day.value_or(first);
    for (std::int64_t day = from; day < from + m.days; ++day) {
        Profile p = day_profile(shape, day, m);
        for (int slot = 0; slot < kSlotsPerDay; ++slot) {
            std::int64_t n = poisson(rng, p[slot] * k);
            std::int64_t slot_start = day * 86400 + std::int64_t{slot} * kSlotSeconds;
            for (std::int64_t i = 0; i < n; ++i) {
                std::int64_t at =
                    slot_start + static_cast<std::int64_t>(rng.uniform() * kSlotSeconds);
                auto user = static_cast<std::uint32_t>(rng.uniform() * m.users);
                trace.arrivals.push_back({at, duration_of(rng, at, m), user});
            }
        }
    }
    sort_arrivals(trace);
    return trace;
}

}  // namespace tidepool::simulate
