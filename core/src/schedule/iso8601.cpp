#include "schedule/iso8601.h"

#include <cstdio>

#include "schedule/text.h"

namespace tidepool::schedule {

namespace {

constexpr std::string_view kInstantHelp =
    "expected an ISO-8601 instant like \"2026-03-08T10:00:00Z\" or with a UTC offset like "
    "\"2026-03-08T11:00:00+01:00\"";

// Reads the clock part after 'T' into `clock`; returns the index just past it, or 0 on error.
std::size_t read_clock(std::string_view text, std::size_t pos, std::chrono::seconds& clock) {
    const auto hh = read_digits(text, pos, 2);
    const auto mm = read_digits(text, pos + 3, 2);
    if (!hh || !mm || text.size() < pos + 5 || text[pos + 2] != ':' || *hh > 23 || *mm > 59) {
        return 0;
    }
    clock = std::chrono::hours{*hh} + std::chrono::minutes{*mm};
    pos += 5;
    if (pos < text.size() && text[pos] == ':') {
        const auto ss = read_digits(text, pos + 1, 2);
        if (!ss || *ss > 59) return 0;
        clock += std::chrono::seconds{*ss};
        pos += 3;
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            const std::size_t digits_at = ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == digits_at) return 0;
        }
    }
    return pos;
}

// Reads "Z" or "+HH:MM"/"-HH:MM"/"+HHMM" which must end the text.
std::optional<std::chrono::seconds> read_offset(std::string_view rest) {
    if (rest == "Z" || rest == "z") return std::chrono::seconds{0};
    if (rest.size() != 6 && rest.size() != 5) return std::nullopt;
    if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
    const bool colon = rest.size() == 6;
    if (colon && rest[3] != ':') return std::nullopt;
    const auto hh = read_digits(rest, 1, 2);
    const auto mm = read_digits(rest, colon ? 4 : 3, 2);
    if (!hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    const std::chrono::seconds offset = std::chrono::hours{*hh} + std::chrono::minutes{*mm};
    return rest[0] == '-' ? -offset : offset;
}

}  // namespace

Result<Instant> parse_instant(std::string_view text, std::string_view pointer) {
    const auto fail = [&] {
        return std::vector<FieldError>{
            {std::string(pointer), std::string(text), std::string(kInstantHelp)}};
    };
    if (text.size() < 11 || (text[10] != 'T' && text[10] != 't')) return fail();
    const auto day = parse_date(text.substr(0, 10));
    std::chrono::seconds clock{0};
    const std::size_t end = read_clock(text, 11, clock);
    if (!day || end == 0) return fail();
    const auto offset = read_offset(text.substr(end));
    if (!offset) return fail();
    // Local time at that offset minus the offset is UTC.
    return Instant{(*day + clock).time_since_epoch() - *offset};
}

std::string format_instant(Instant at) {
    const auto day = date::floor<date::days>(at);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> clock{at - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return buffer;
}

std::string intervals_to_json(const std::vector<Interval>& intervals) {
    std::string out = "{\"intervals\":[";
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        if (i > 0) out += ',';
        out += "{\"start\":\"" + format_instant(intervals[i].start) + "\",\"end\":\"" +
               format_instant(intervals[i].end) + "\"}";
    }
    out += "]}";
    return out;
}

}  // namespace tidepool::schedule
