#include "schedule/text.h"

#include <cstdio>

namespace tidepool::schedule {

std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t count) {
    if (pos + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::optional<date::weekday> parse_day(std::string_view text) {
    for (unsigned i = 0; i < kDayNames.size(); ++i) {
        if (text == kDayNames[i]) return date::weekday{(i + 1) % 7};
    }
    return std::nullopt;
}

std::optional<std::chrono::minutes> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const auto hour = read_digits(text, 0, 2);
    const auto minute = read_digits(text, 3, 2);
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return std::chrono::minutes{*hour * 60 + *minute};
}

std::optional<LocalDays> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = read_digits(text, 0, 4);
    const auto m = read_digits(text, 5, 2);
    const auto d = read_digits(text, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    const date::year_month_day ymd{date::year{*y}, date::month(static_cast<unsigned>(*m)),
                                   date::day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) return std::nullopt;
    return LocalDays{ymd};
}

std::optional<LocalSeconds> parse_local_datetime(std::string_view text) {
    if (text.size() != 16 || text[10] != 'T') return std::nullopt;
    const auto day = parse_date(text.substr(0, 10));
    const auto clock = parse_clock(text.substr(11));
    if (!day || !clock) return std::nullopt;
    return LocalSeconds{*day + *clock};
}

std::string format_clock(std::chrono::minutes minute_of_day) {
    const auto count = static_cast<int>(minute_of_day.count());
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", (count / 60) % 100, count % 60);
    return buffer;
}

}  // namespace tidepool::schedule
