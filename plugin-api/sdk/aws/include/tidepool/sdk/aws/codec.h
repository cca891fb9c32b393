// Encodings the AWS protocols need: base64 (blobs, EC2 UserData, password data) and the
// timestamp formats (ISO 8601, epoch seconds, HTTP date).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::sdk::aws {

std::string base64_encode(std::string_view bytes);
// Standard alphabet with padding; whitespace is skipped. std::nullopt when not base64.
std::optional<std::string> base64_decode(std::string_view text);

// "2015-01-25T08:00:00Z", or with milliseconds when the value has a fraction.
std::string format_iso8601(double epoch_seconds);
// "Sun, 25 Jan 2015 08:00:00 GMT".
std::string format_http_date(double epoch_seconds);
// Integer seconds print without a fraction ("1422172800"), others with up to 3 decimals.
std::string format_epoch_seconds(double epoch_seconds);

// Parses ISO 8601 date-times with optional fraction and Z or +hh:mm/-hh:mm offset, epoch
// seconds, and HTTP dates. std::nullopt when the text is none of these.
std::optional<double> parse_timestamp(std::string_view text);

// A number the way AWS writes floats: "NaN", "Infinity", "-Infinity", or the shortest text
// that reads back as the same double ("1.1", not "1.1000000000000001").
std::string format_double(double value);

}  // namespace tidepool::sdk::aws
