// Reads the two binned CSV shapes into per-day, per-5-minute-slot counts (internal to
// arrivals.cpp; a header of its own so the reader stays small and testable).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "tidepool/result.h"

namespace tidepool::simulate {

inline constexpr int kSlotsPerDay = 288;  // 5-minute slots
inline constexpr int kSlotSeconds = 300;

struct DayBins {
    std::array<double, kSlotsPerDay> count{};  // arrivals per slot (hourly bins spread evenly)
    std::array<bool, kSlotsPerDay> covered{};  // the file has a value for this slot
};

// Unix day number -> that day's slots. bank_calls: DateTime,Calls. bike_sharing: dteday, hr
// and registered.
Result<std::map<std::int64_t, DayBins>> read_bins(std::string_view csv);

}  // namespace tidepool::simulate
