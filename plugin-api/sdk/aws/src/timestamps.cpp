// Timestamp text <-> epoch seconds without a date library (the SDK stays dependency-free):
// Howard Hinnant's days_from_civil algorithm does the calendar arithmetic.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "tidepool/sdk/aws/codec.h"

namespace tidepool::sdk::aws {

namespace {

constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
    int64_t year;
    unsigned month, day, hour, minute, second;
};

Civil civil_from_epoch(int64_t seconds) {
    int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    int64_t rest = seconds - days * 86400;
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d,
                 static_cast<unsigned>(rest / 3600), static_cast<unsigned>(rest % 3600 / 60),
                 static_cast<unsigned>(rest % 60)};
}

// Reads exactly `width` digits at text[pos].
bool digits(std::string_view text, size_t pos, size_t width, unsigned& out) {
    if (pos + width > text.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
}

std::optional<double> parse_iso8601(std::string_view t) {
    unsigned y, mo, d, h, mi, s;
    if (!digits(t, 0, 4, y) || t.size() < 19 || t[4] != '-' || !digits(t, 5, 2, mo) ||
        t[7] != '-' || !digits(t, 8, 2, d) || (t[10] != 'T' && t[10] != 't') ||
        !digits(t, 11, 2, h) || t[13] != ':' || !digits(t, 14, 2, mi) || t[16] != ':' ||
        !digits(t, 17, 2, s)) {
        return std::nullopt;
    }
    double fraction = 0, scale = 0.1;
    size_t pos = 19;
    if (pos < t.size() && t[pos] == '.') {
        for (++pos; pos < t.size() && t[pos] >= '0' && t[pos] <= '9'; ++pos, scale /= 10) {
            fraction += (t[pos] - '0') * scale;
        }
    }
    int64_t offset = 0;
    if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
        unsigned oh, om;
        if (!digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' ||
            !digits(t, pos + 4, 2, om) || pos + 6 != t.size()) {
            return std::nullopt;
        }
        offset = (t[pos] == '+' ? 1 : -1) * static_cast<int64_t>(oh * 3600 + om * 60);
    } else if (pos + 1 != t.size() || (t[pos] != 'Z' && t[pos] != 'z')) {
        return std::nullopt;
    }
    int64_t seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    return static_cast<double>(seconds) + fraction;
}

std::optional<double> parse_http_date(std::string_view t) {
    // "Sun, 25 Jan 2015 08:00:00 GMT"
    if (t.size() != 29 || t[3] != ',' || t.substr(25) != " GMT") return std::nullopt;
    unsigned d, y, h, mi, s, month = 0;
    for (unsigned i = 0; i < 12; ++i) {
        if (t.substr(8, 3) == kMonths[i]) month = i + 1;
    }
    if (month == 0 || !digits(t, 5, 2, d) || !digits(t, 12, 4, y) || !digits(t, 17, 2, h) ||
        !digits(t, 20, 2, mi) || !digits(t, 23, 2, s)) {
        return std::nullopt;
    }
    return static_cast<double>(days_from_civil(y, month, d) * 86400 + h * 3600 + mi * 60 + s);
}

}  // namespace

std::string format_iso8601(double epoch_seconds) {
    double whole = std::floor(epoch_seconds);
    Civil c = civil_from_epoch(static_cast<int64_t>(whole));
    char buffer[48];
    int millis = static_cast<int>(std::lround((epoch_seconds - whole) * 1000));
    if (millis > 0) {
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02u.%03dZ",
                      static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second,
                      millis);
    } else {
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                      static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
    }
    return buffer;
}

std::string format_http_date(double epoch_seconds) {
    auto seconds = static_cast<int64_t>(std::floor(epoch_seconds));
    Civil c = civil_from_epoch(seconds);
    int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04lld %02u:%02u:%02u GMT",
                  kWeekdays[((days % 7) + 7) % 7], c.day, kMonths[c.month - 1],
                  static_cast<long long>(c.year), c.hour, c.minute, c.second);
    return buffer;
}

std::string format_epoch_seconds(double epoch_seconds) {
    if (epoch_seconds == std::floor(epoch_seconds)) {
        return std::to_string(static_cast<int64_t>(epoch_seconds));
    }
    return format_double(std::round(epoch_seconds * 1000) / 1000);
}

std::optional<double> parse_timestamp(std::string_view text) {
    if (auto iso = parse_iso8601(text)) return iso;
    if (auto http = parse_http_date(text)) return http;
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty()) {
        return value;
    }
    return std::nullopt;
}

}  // namespace tidepool::sdk::aws
