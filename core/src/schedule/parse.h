#pragma once
// Builds an ActivitySpec from the JSON an autoscale config carries:
//
//   "enabled": true,                                        (optional, default true)
//   "schedules": [{"days": ["mon", "tue"], "start": "07:00", "end": "18:00",
//                  "timezone": "America/New_York"}],
//   "exceptions": [{"date": "2026-12-25", "timezone": "Europe/Berlin"}],
//   "extra_windows": [{"start": "2026-12-27T08:00", "end": "2026-12-27T12:00",
//                      "timezone": "Europe/Berlin"}]
//
// Every problem is reported, not just the first, each with the full JSON pointer of the field,
// the bad value and what is allowed. Time zones are resolved here, once.

#include <rapidjson/document.h>

#include <string_view>

#include "schedule/result.h"
#include "schedule/types.h"

namespace tidepool::schedule {

enum class ParseMode {
    // The object is a whole autoscale config: members other than the four above belong to the
    // config and are left alone.
    kEmbedded,
    // The object holds only activity fields (a schedule file of its own): any other member is
    // refused as unknown.
    kStandalone,
};

// `pointer` is the JSON pointer of `object` within its document ("" for the root,
// "/configs/2" for a config in a list); error pointers extend it.
Result<ActivitySpec> parse_activity(const rapidjson::Value& object, std::string_view pointer = "",
                                    ParseMode mode = ParseMode::kEmbedded);

// The same from JSON text, e.g. a config's stored schedule document. Text that is empty or only
// whitespace means "no schedule" (a default ActivitySpec: always on); malformed JSON is one error
// at `pointer` naming the offset and the problem.
Result<ActivitySpec> parse_activity_json(std::string_view text, std::string_view pointer = "",
                                         ParseMode mode = ParseMode::kStandalone);

// RFC 6901: `base` + "/" + `token` with "~" and "/" in the token escaped.
std::string pointer_append(std::string_view base, std::string_view token);
std::string pointer_append(std::string_view base, std::size_t index);

}  // namespace tidepool::schedule
