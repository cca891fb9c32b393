// JSON encoding of the model, and validated decoding of the objects an operator supplies.
//
// Member names are the C++ field names; enums are their lowercase names (model/enums.h);
// instants are RFC 3339 UTC text ("2024-05-01T12:00:00Z") or null when unset (the epoch).
// Fields that hold JSON (ProviderConfig::config_json, JournalEntry::tags_json) are embedded
// as objects named without the suffix: "config", "tags".
//
// Decoding refuses unknown members, wrong types, out-of-range values and malformed ids; every
// Error is ErrorCode::invalid with `field` = the JSON pointer (pointer_prefix + member) and a
// message naming the bad value and what is allowed. Secret-bearing members (a provider's
// "config", "startup_script") are named by pointer only, never by value.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "model/journal.h"
#include "model/machines.h"
#include "model/objects.h"
#include "tidepool/result.h"

namespace tidepool::model {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Writers append one object, so callers can compose arrays and envelopes.
void write_json(JsonWriter& w, const Zone& zone);
void write_json(JsonWriter& w, const Pool& pool);
// Writes config_json as is: redacting secrets is the caller's job (it knows the plugin schema).
void write_json(JsonWriter& w, const ProviderConfig& config);
// Writes "schedules", "exceptions" and "extra_windows" (from schedule_json) as top-level arrays.
void write_json(JsonWriter& w, const AutoScaleConfig& config);
// Never writes checkin_token_hash: even a hash of a live token has no business leaving the core.
void write_json(JsonWriter& w, const Server& server);
void write_json(JsonWriter& w, const Session& session);
void write_json(JsonWriter& w, const JournalEntry& entry);

template <class T>
std::string to_json(const T& value) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    write_json(writer, value);
    return std::string(buffer.GetString(), buffer.GetSize());
}

// pointer_prefix is where `value` sits in the caller's document ("" for the root,
// "/autoscale_configs/1" inside a bundle); errors point at prefix + "/" + member.
Result<Zone> parse_zone(const rapidjson::Value& value, std::string_view pointer_prefix = "");
Result<Pool> parse_pool(const rapidjson::Value& value, std::string_view pointer_prefix = "");
// "config" must be an object; its "max_instances" (optional, integer ≥ 0) is copied out.
Result<ProviderConfig> parse_provider_config(const rapidjson::Value& value,
                                             std::string_view pointer_prefix = "");
// Canonicalises the schedule members into schedule_json: "" when all three are absent or empty,
// else {"schedules":[…],"exceptions":[…],"extra_windows":[…]}. Their contents are checked by
// core/src/schedule, not here (only that each is an array).
Result<AutoScaleConfig> parse_autoscale_config(const rapidjson::Value& value,
                                               std::string_view pointer_prefix = "");

// Parses JSON text; a syntax error names the byte offset and what RapidJSON expected.
Result<rapidjson::Document> parse_json_text(std::string_view text);

// RFC 3339 UTC with seconds ("2024-05-01T12:00:00Z"); the epoch (an unset Instant) is "".
std::string format_instant(Instant at);

}  // namespace tidepool::model
