#include "schedule/zone.h"

#include <algorithm>
#include <cctype>
#include <exception>

namespace tidepool::schedule {

std::optional<Zone> Zone::locate(std::string_view name) {
    if (name.empty()) return std::nullopt;
    try {
        return Zone(date::locate_zone(name));
    } catch (const std::exception&) {
        // date/tz reports an unknown name (or an unreadable database) by throwing; callers
        // turn nullopt into a field error that names the value.
        return std::nullopt;
    }
}

std::optional<std::string> Zone::suggest(std::string_view name) {
    const auto same = [name](std::string_view candidate) {
        return std::equal(name.begin(), name.end(), candidate.begin(), candidate.end(),
                          [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) ==
                                     std::tolower(static_cast<unsigned char>(b));
                          });
    };
    try {
        for (const auto& zone : date::get_tzdb().zones) {
            if (same(zone.name())) return std::string(zone.name());
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string Zone::name() const { return tz_ ? std::string(tz_->name()) : std::string("UTC"); }

LocalSeconds Zone::to_local(Instant at) const {
    if (!tz_) return LocalSeconds{at.time_since_epoch()};
    return tz_->to_local(at);
}

Instant Zone::to_sys(LocalSeconds local) const {
    if (!tz_) return Instant{local.time_since_epoch()};
    const date::local_info info = tz_->get_info(local);
    if (info.result == date::local_info::nonexistent) {
        return info.second.begin;  // The transition instant: wall clock reads the gap's end.
    }
    // unique, or ambiguous where `first` is the offset in force before the fall-back, which
    // gives the earlier of the two instants.
    return Instant{local.time_since_epoch() - info.first.offset};
}

}  // namespace tidepool::schedule
