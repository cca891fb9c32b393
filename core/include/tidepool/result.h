// Result<T>: the core's error-returning convention (no exceptions across module boundaries).
// An Error names what went wrong in words an operator can act on, and, for bad input, the
// JSON pointer of the field at fault.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace tidepool {

enum class ErrorCode {
    invalid,          // bad input: fix the named field
    not_found,
    conflict,         // already exists, or the state forbids it
    unauthenticated,  // no or bad credentials
    denied,           // authenticated but not allowed
    too_large,
    capacity,         // a provider is out of capacity or quota
    unavailable,      // transient; retry later
    timeout,
    cancelled,
    internal,         // a bug or an unexpected state
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field;  // JSON pointer, e.g. "/pools/0/kind"; empty when not about input
    // > 0: the provider asked callers to wait at least this long before trying again
    // (a throttling answer's Retry-After); retry layers honour it.
    std::int64_t retry_after_ms = 0;
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

inline const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid: return "invalid";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::unauthenticated: return "unauthenticated";
        case ErrorCode::denied: return "denied";
        case ErrorCode::too_large: return "too_large";
        case ErrorCode::capacity: return "capacity";
        case ErrorCode::unavailable: return "unavailable";
        case ErrorCode::timeout: return "timeout";
        case ErrorCode::cancelled: return "cancelled";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

}  // namespace tidepool
