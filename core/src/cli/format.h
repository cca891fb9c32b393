// Turning API JSON into text for people: scalar cells, durations, "key  value" blocks, and the
// one-line error message.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include <rapidjson/document.h>

namespace tidepool::cli {

// A member of an object, or null when `obj` is not an object or lacks it.
const rapidjson::Value* member(const rapidjson::Value& obj, const char* name);

// A value as a cell: strings as is, whole numbers without ".0", null/missing as "-",
// arrays joined with ",", objects as compact JSON.
std::string cell(const rapidjson::Value* value);
std::string cell(const rapidjson::Value& obj, const char* name);

// "45s", "3m05s", "2h10m", "1d04h" — short, for tables and progress lines.
std::string duration_text(double seconds);

// One "key  value" line per member, keys aligned. Nested objects print as "k v, k v";
// members ending in "_s" also show a readable duration.
void print_key_values(std::ostream& out, const rapidjson::Value& obj);

// Pretty JSON (2-space indent) of `text`, or `text` unchanged when it is not JSON.
std::string pretty_json(const std::string& text);

// The user-facing message of an error reply: the API's {"error":{…}} message with its field,
// or "tidepoold answered HTTP <status>" with the start of the body.
std::string api_error_message(long status, const std::string& body);

// Flattens an object into "a=1 b=2 c.d=3" (for planner numbers).
std::string flat_pairs(const rapidjson::Value& obj);

}  // namespace tidepool::cli
