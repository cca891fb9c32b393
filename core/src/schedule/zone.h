#pragma once
// A resolved IANA time zone and the one place local wall-clock time becomes UTC.
//
// Zones are looked up once, when a config is parsed, and the `const date::time_zone*` is kept:
// date::locate_zone searches the whole database, which is too slow for the evaluation loop.
//
// Known limit: Debian's date/tz reads the OS TZif files but not their POSIX footer rule, so for
// instants after 2037 a zone keeps its last listed offset (New York stays on EST all year).

#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::schedule {

using Instant = std::chrono::sys_seconds;  // UTC, whole seconds.
using LocalSeconds = date::local_seconds;  // wall-clock time in some zone.
using LocalDays = date::local_days;

class Zone {
public:
    // UTC, needing no database lookup (handy for tests and for UTC-only configs).
    Zone() = default;

    // Looks an IANA name up in the OS tz database ("Europe/Berlin", links like "US/Eastern").
    // nullopt when the name is unknown or the database cannot be read.
    static std::optional<Zone> locate(std::string_view name);

    // For error messages: the database's spelling of `name` when it differs only in case
    // ("europe/berlin" -> "Europe/Berlin"), else nullopt.
    static std::optional<std::string> suggest(std::string_view name);

    std::string name() const;
    LocalSeconds to_local(Instant at) const;

    // The UTC instant a local wall-clock time means. Local times that do not exist (inside a
    // spring-forward gap) map to the first valid instant after the gap, i.e. the transition;
    // local times that occur twice (a fall-back overlap) map to their first, earliest
    // occurrence. The mapping is non-decreasing in local time, which is what keeps windows that
    // touch in local time touching in UTC.
    Instant to_sys(LocalSeconds local) const;

    friend bool operator==(const Zone& a, const Zone& b) { return a.tz_ == b.tz_; }

private:
    explicit Zone(const date::time_zone* tz) : tz_(tz) {}
    const date::time_zone* tz_ = nullptr;  // nullptr = UTC.
};

}  // namespace tidepool::schedule
