#pragma once
// Internal to the schedule parser: reading JSON members while collecting FieldErrors, so one
// pass reports every problem with its full JSON pointer.

#include <rapidjson/document.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedule/result.h"

namespace tidepool::schedule {

// Compact JSON text of `value` for error reports, cut to a readable length.
std::string json_text(const rapidjson::Value& value);

class FieldReader {
public:
    // Records an error; `value` may be null for a missing field.
    void fail(std::string pointer, const rapidjson::Value* value, std::string message);

    // True when `value` is an object; reports each member not in `allowed` as unknown. When it is
    // not an object, reports `expected` at `pointer` and returns false.
    bool object(const rapidjson::Value& value, std::string_view pointer,
                std::initializer_list<std::string_view> allowed, std::string_view expected);

    // The member `key` of `object`, or null after reporting it missing (with `expected`).
    const rapidjson::Value* require(const rapidjson::Value& object, std::string_view pointer,
                                    const char* key, std::string_view expected);

    // The string in `value`, or nullopt after reporting `expected` at `pointer`.
    std::optional<std::string_view> string(const rapidjson::Value& value,
                                           const std::string& pointer, std::string_view expected);

    std::size_t count() const { return errors_.size(); }
    std::vector<FieldError> take() { return std::move(errors_); }

private:
    std::vector<FieldError> errors_;
};

// "a, b, c" for messages.
std::string join(std::initializer_list<std::string_view> words);

}  // namespace tidepool::schedule
