#pragma once
// A small Result type for the schedule module: a value, or every error found. Parsing collects
// all problems in one pass so an operator fixes a config in one edit, not one error at a time.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tidepool::schedule {

// One refused input. `pointer` is the full JSON pointer of the bad field (RFC 6901, e.g.
// "/configs/2/schedules/0/start"); `value` is the bad value as compact JSON text (a string keeps
// its quotes: "\"25:00\""), empty when the field is missing; `message` says what is allowed.
struct FieldError {
    std::string pointer;
    std::string value;
    std::string message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design, like expected.
    Result(std::vector<FieldError> errors) : state_(std::move(errors)) {}  // NOLINT

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Precondition: ok().
    const T& value() const& { return std::get<0>(state_); }
    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }

    // Empty when ok().
    const std::vector<FieldError>& errors() const {
        static const std::vector<FieldError> kNone;
        return ok() ? kNone : std::get<1>(state_);
    }

private:
    std::variant<T, std::vector<FieldError>> state_;
};

}  // namespace tidepool::schedule
