// Errors in SDK plugins: throw ProviderError (or anything) inside guard(), never across the ABI.
//
// guard() is the exception barrier every C entry point runs its body in. A ProviderError keeps
// its status, field, provider code and retry hint; any other exception becomes TP_ERR_INTERNAL
// with what() as the message, because an exception unwinding into the host's C frames is
// undefined behaviour and would take the daemon down.
#pragma once

#include <tidepool/error.h>

#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tidepool::sdk {

class ProviderError : public std::runtime_error {
public:
    ProviderError(int32_t status, const std::string& message, std::string field = {},
                  std::string provider_code = {}, int64_t retry_after_ms = 0)
        : std::runtime_error(message),
          status_(status),
          field_(std::move(field)),
          provider_code_(std::move(provider_code)),
          retry_after_ms_(retry_after_ms) {}

    int32_t status() const { return status_; }
    const std::string& field() const { return field_; }
    const std::string& provider_code() const { return provider_code_; }
    int64_t retry_after_ms() const { return retry_after_ms_; }

private:
    int32_t status_;
    std::string field_;
    std::string provider_code_;
    int64_t retry_after_ms_;
};

namespace detail {

// Copies into a fixed tp_error buffer as one line: operators read these in logs.
inline void copy_line(char* dst, size_t size, std::string_view src) {
    if (!dst || size == 0) return;
    size_t n = src.size() < size - 1 ? src.size() : size - 1;
    for (size_t i = 0; i < n; ++i) dst[i] = (src[i] == '\n' || src[i] == '\r') ? ' ' : src[i];
    dst[n] = '\0';
}

}  // namespace detail

// Fills err (which may be NULL) and returns status, for `return fail(err, ...)`.
inline int32_t fail(tp_error* err, int32_t status, std::string_view message,
                    std::string_view field = {}) {
    if (err) {
        err->status = status;
        detail::copy_line(err->message, sizeof err->message, message);
        detail::copy_line(err->field, sizeof err->field, field);
    }
    return status;
}

inline int32_t fail(tp_error* err, const ProviderError& e) {
    // A ProviderError with TP_OK would report success for a failed call.
    int32_t status = e.status() == TP_OK ? TP_ERR_INTERNAL : e.status();
    fail(err, status, e.what(), e.field());
    if (err) {
        detail::copy_line(err->provider_code, sizeof err->provider_code, e.provider_code());
        err->retry_after_ms = e.retry_after_ms();
    }
    return status;
}

// Runs body and returns its status: TP_OK for a void body, its own int32_t result otherwise.
// Every exception is caught and turned into a status written to err.
template <class Body>
int32_t guard(tp_error* err, Body&& body) noexcept {
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Body&>>) {
            body();
            return TP_OK;
        } else {
            int32_t status = static_cast<int32_t>(body());
            if (err && status != TP_OK) err->status = status;
            return status;
        }
    } catch (const ProviderError& e) {
        return fail(err, e);
    } catch (const std::bad_alloc&) {
        return fail(err, TP_ERR_INTERNAL, "out of memory");
    } catch (const std::exception& e) {
        return fail(err, TP_ERR_INTERNAL, e.what());
    } catch (...) {
        return fail(err, TP_ERR_INTERNAL, "unknown exception");
    }
}

}  // namespace tidepool::sdk
