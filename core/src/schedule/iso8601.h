#pragma once
// ISO-8601 text for UTC instants, and the JSON shape `tidepool schedule preview --json` prints.

#include <string>
#include <string_view>
#include <vector>

#include "schedule/result.h"
#include "schedule/types.h"

namespace tidepool::schedule {

// Reads "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or a UTC offset "+HH:MM" / "-HH:MM"
// (also "+HHMM"). A fraction is truncated to whole seconds. Errors carry `pointer` (e.g. the
// CLI option "--from" or a JSON pointer) and say which forms are accepted.
Result<Instant> parse_instant(std::string_view text, std::string_view pointer = "");

// "2026-03-08T10:00:00Z".
std::string format_instant(Instant at);

// {"intervals":[{"start":"2026-03-08T10:00:00Z","end":"2026-03-08T18:00:00Z"}]} with no
// whitespace; {"intervals":[]} when empty.
std::string intervals_to_json(const std::vector<Interval>& intervals);

}  // namespace tidepool::schedule
