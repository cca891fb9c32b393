// Target parsing: percent-decoding and query splitting. Kept apart from the server so the
// router and the tests can use it without Beast.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::http {

// Decodes %XX escapes; with `plus_is_space` (query strings) '+' becomes ' '. Returns nullopt
// on a malformed escape ("%4", "%zz") or a decoded NUL, which no route can legitimately need.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Encodes everything except unreserved characters (RFC 3986 §2.3); for building URLs.
std::string percent_encode(std::string_view text);

struct Target {
    std::string path;  // decoded
    std::map<std::string, std::string> query;
};

// Splits "/a/b?x=1&y=%20" into a decoded path and query map. nullopt when malformed (bad
// escape, or not origin-form: the path must start with '/').
std::optional<Target> parse_target(std::string_view target);

}  // namespace tidepool::http
