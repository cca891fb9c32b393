#pragma once
// Strict parsers for the small text forms a schedule config uses. Each accepts exactly one
// spelling, so "7:00", "25:00" and "2026-2-3" are refused rather than guessed at.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "schedule/types.h"

namespace tidepool::schedule {

// Day names in config order, Monday first; index i is weekday (i + 1) % 7 in c_encoding.
inline constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};

// "mon".."sun", lower case only.
std::optional<date::weekday> parse_day(std::string_view text);

// "HH:MM": two-digit hour 00-23, two-digit minute 00-59.
std::optional<std::chrono::minutes> parse_clock(std::string_view text);

// "YYYY-MM-DD", a real calendar date.
std::optional<LocalDays> parse_date(std::string_view text);

// "YYYY-MM-DDTHH:MM", a real calendar date and a clock time as parse_clock reads it.
std::optional<LocalSeconds> parse_local_datetime(std::string_view text);

// Reads exactly `count` ASCII digits at text[pos]; nullopt when any is missing or not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count);

// "HH:MM" for a minute-of-day, for messages.
std::string format_clock(std::chrono::minutes minute_of_day);

}  // namespace tidepool::schedule
