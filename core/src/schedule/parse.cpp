#include "schedule/parse.h"

#include <rapidjson/error/en.h>

#include <array>

#include "schedule/json_fields.h"
#include "schedule/text.h"

namespace tidepool::schedule {

namespace {

using rapidjson::Value;

constexpr std::string_view kAllowedDays = "allowed values: mon, tue, wed, thu, fri, sat, sun";
constexpr std::string_view kClockHelp =
    "expected a time \"HH:MM\" on the 24-hour clock with two digits each, from \"00:00\" to "
    "\"23:59\" (an end of \"23:59\" means midnight)";
constexpr std::string_view kZoneHelp =
    "expected an IANA time zone name like \"America/New_York\" or \"Europe/Berlin\"";
constexpr std::string_view kDateHelp = "expected a calendar date \"YYYY-MM-DD\"";
constexpr std::string_view kDateTimeHelp =
    "expected a local date and time \"YYYY-MM-DDTHH:MM\" (24-hour clock)";

std::optional<Zone> parse_zone(FieldReader& r, const Value& object, const std::string& ptr) {
    const Value* value = r.require(object, ptr, "timezone", kZoneHelp);
    if (!value) return std::nullopt;
    const std::string zone_ptr = pointer_append(ptr, "timezone");
    const auto name = r.string(*value, zone_ptr, kZoneHelp);
    if (!name) return std::nullopt;
    if (auto zone = Zone::locate(*name)) return zone;
    std::string message = "unknown time zone; " + std::string(kZoneHelp);
    if (const auto suggestion = Zone::suggest(*name)) {
        message += " (did you mean \"" + *suggestion + "\"?)";
    }
    r.fail(zone_ptr, value, std::move(message));
    return std::nullopt;
}

// Reads the text member `key` and converts it with `convert`; reports `help` when either fails.
template <class Convert>
auto parse_text(FieldReader& r, const Value& object, const std::string& ptr, const char* key,
                std::string_view help, Convert convert) -> decltype(convert(std::string_view())) {
    const Value* value = r.require(object, ptr, key, help);
    if (!value) return std::nullopt;
    const std::string field_ptr = pointer_append(ptr, key);
    const auto text = r.string(*value, field_ptr, help);
    if (!text) return std::nullopt;
    auto converted = convert(*text);
    if (!converted) r.fail(field_ptr, value, std::string(help));
    return converted;
}

// One day name at `ptr`; `first_at` remembers where each day was first listed.
bool add_day(FieldReader& r, const Value& item, const std::string& ptr, WeekdaySet& days,
             std::array<std::string, 7>& first_at) {
    const auto text = r.string(item, ptr, "expected a day name; " + std::string(kAllowedDays));
    if (!text) return false;
    const auto day = parse_day(*text);
    if (!day) {
        r.fail(ptr, &item, "unknown day; " + std::string(kAllowedDays));
        return false;
    }
    if (days.contains(*day)) {
        r.fail(ptr, &item,
               "duplicate day, already listed at " + first_at[day->c_encoding()] +
                   "; list each day once");
        return false;
    }
    days.insert(*day);
    first_at[day->c_encoding()] = ptr;
    return true;
}

std::optional<WeekdaySet> parse_days(FieldReader& r, const Value& object, const std::string& ptr) {
    const std::string help = "expected an array of day names; " + std::string(kAllowedDays);
    const Value* value = r.require(object, ptr, "days", help);
    if (!value) return std::nullopt;
    const std::string days_ptr = pointer_append(ptr, "days");
    if (!value->IsArray() || value->Empty()) {
        r.fail(
            days_ptr, value,
            value->IsArray() ? "must list at least one day; " + std::string(kAllowedDays) : help);
        return std::nullopt;
    }
    WeekdaySet days;
    std::array<std::string, 7> first_at;
    bool ok = true;
    for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
        ok = add_day(r, (*value)[i], pointer_append(days_ptr, i), days, first_at) && ok;
    }
    if (!ok) return std::nullopt;
    return days;
}

std::optional<Schedule> parse_schedule(FieldReader& r, const Value& value, const std::string& ptr) {
    if (!r.object(value, ptr, {"days", "start", "end", "timezone"},
                  "expected a schedule object with fields days, start, end, timezone")) {
        return std::nullopt;
    }
    const std::size_t errors_before = r.count();
    const auto days = parse_days(r, value, ptr);
    const auto start = parse_text(r, value, ptr, "start", kClockHelp, parse_clock);
    const auto end = parse_text(r, value, ptr, "end", kClockHelp, parse_clock);
    const auto zone = parse_zone(r, value, ptr);
    if (start && end && *start == *end) {
        r.fail(pointer_append(ptr, "end"), &value["end"],
               "end equals start (" + format_clock(*start) +
                   "); a window needs a length: use an end later than the start, or earlier "
                   "for an overnight window into the next day");
    }
    if (r.count() != errors_before) return std::nullopt;
    return Schedule{*days, *start, *end, *zone};
}

std::optional<Exception> parse_exception(FieldReader& r, const Value& value,
                                         const std::string& ptr) {
    if (!r.object(value, ptr, {"date", "timezone"},
                  "expected an exception object with fields date, timezone")) {
        return std::nullopt;
    }
    const std::size_t errors_before = r.count();
    const auto day = parse_text(r, value, ptr, "date", kDateHelp, parse_date);
    const auto zone = parse_zone(r, value, ptr);
    if (r.count() != errors_before) return std::nullopt;
    return Exception{*day, *zone};
}

std::optional<ExtraWindow> parse_extra_window(FieldReader& r, const Value& value,
                                              const std::string& ptr) {
    if (!r.object(value, ptr, {"start", "end", "timezone"},
                  "expected an extra window object with fields start, end, timezone")) {
        return std::nullopt;
    }
    const std::size_t errors_before = r.count();
    const auto start = parse_text(r, value, ptr, "start", kDateTimeHelp, parse_local_datetime);
    const auto end = parse_text(r, value, ptr, "end", kDateTimeHelp, parse_local_datetime);
    const auto zone = parse_zone(r, value, ptr);
    if (start && end && *end <= *start) {
        r.fail(pointer_append(ptr, "end"), &value["end"],
               "end must be later than start (" + std::string(value["start"].GetString()) + ")");
    }
    if (r.count() != errors_before) return std::nullopt;
    return ExtraWindow{*start, *end, *zone};
}

// The array member `key`, each element read by `parse_item`; absent means empty.
template <class T, class ParseItem>
std::vector<T> parse_list(FieldReader& r, const Value& object, const std::string& ptr,
                          const char* key, std::string_view what, ParseItem parse_item) {
    std::vector<T> out;
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd()) return out;
    const std::string list_ptr = pointer_append(ptr, key);
    if (!it->value.IsArray()) {
        r.fail(list_ptr, &it->value, "expected an array of " + std::string(what) + " objects");
        return out;
    }
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
        if (auto item = parse_item(r, it->value[i], pointer_append(list_ptr, i))) {
            out.push_back(std::move(*item));
        }
    }
    return out;
}

}  // namespace

Result<ActivitySpec> parse_activity(const Value& object, std::string_view pointer, ParseMode mode) {
    FieldReader r;
    const std::string ptr(pointer);
    const std::string_view expected =
        "expected an object with fields enabled, schedules, exceptions, extra_windows";
    if (!object.IsObject()) {
        r.fail(ptr, &object, std::string(expected));
        return r.take();
    }
    if (mode == ParseMode::kStandalone) {
        r.object(object, ptr, {"enabled", "schedules", "exceptions", "extra_windows"}, expected);
    }
    ActivitySpec spec;
    if (const auto it = object.FindMember("enabled"); it != object.MemberEnd()) {
        if (it->value.IsBool()) {
            spec.enabled = it->value.GetBool();
        } else {
            r.fail(pointer_append(ptr, "enabled"), &it->value, "expected true or false");
        }
    }
    spec.schedules = parse_list<Schedule>(r, object, ptr, "schedules", "schedule", parse_schedule);
    spec.exceptions =
        parse_list<Exception>(r, object, ptr, "exceptions", "exception", parse_exception);
    spec.extra_windows = parse_list<ExtraWindow>(r, object, ptr, "extra_windows", "extra window",
                                                 parse_extra_window);
    if (r.count() != 0) return r.take();
    return spec;
}

Result<ActivitySpec> parse_activity_json(std::string_view text, std::string_view pointer,
                                         ParseMode mode) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return ActivitySpec{};
    rapidjson::Document document;
    document.Parse(text.data(), text.size());
    if (document.HasParseError()) {
        return std::vector<FieldError>{{std::string(pointer), "",
                                        "invalid JSON at offset " +
                                            std::to_string(document.GetErrorOffset()) + ": " +
                                            rapidjson::GetParseError_En(document.GetParseError())}};
    }
    return parse_activity(document, pointer, mode);
}

std::string pointer_append(std::string_view base, std::string_view token) {
    std::string out(base);
    out += '/';
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string pointer_append(std::string_view base, std::size_t index) {
    return std::string(base) + "/" + std::to_string(index);
}

}  // namespace tidepool::schedule
