#include "plugins/status.h"

#include <fmt/format.h>

namespace tidepool::plugins {

ErrorCode error_code_for(int32_t status) {
    switch (status) {
        case TP_ERR_INVALID_CONFIG:
            return ErrorCode::invalid;
        case TP_ERR_DENIED:
            return ErrorCode::denied;
        case TP_ERR_NOT_FOUND:
            return ErrorCode::not_found;
        case TP_ERR_CONFLICT:
            return ErrorCode::conflict;
        case TP_ERR_CAPACITY:
            return ErrorCode::capacity;
        case TP_ERR_UNAVAILABLE:
            return ErrorCode::unavailable;
        case TP_ERR_TIMEOUT:
            return ErrorCode::timeout;
        case TP_ERR_CANCELLED:
            return ErrorCode::cancelled;
        default:
            return ErrorCode::internal;
    }
}

tp_error fresh_error() {
    tp_error err{};
    err.struct_size = sizeof(tp_error);
    return err;
}

Error error_from_call(std::string_view operation, int32_t status, tp_error& err,
                      CallReport* report) {
    err.message[sizeof err.message - 1] = '\0';
    err.field[sizeof err.field - 1] = '\0';
    err.provider_code[sizeof err.provider_code - 1] = '\0';
    std::string message = err.message[0] ? err.message : "no message";
    if (status < TP_OK || status > TP_ERR_LAST) {
        message = fmt::format("unknown status {} ({})", status, message);
    }
    if (err.provider_code[0]) message += fmt::format(" [{}]", err.provider_code);
    if (report) {
        report->provider_code = err.provider_code;
        report->retry_after_ms = err.retry_after_ms > 0 ? err.retry_after_ms : 0;
    }
    Error error =
        make_error(error_code_for(status), fmt::format("{}: {}", operation, message), err.field);
    // Carried on the Error itself so every layer above (the gateway's retries, the runtime's
    // backoff) can honour the provider's hint without a side channel.
    error.retry_after_ms = err.retry_after_ms > 0 ? err.retry_after_ms : 0;
    return error;
}

}  // namespace tidepool::plugins
