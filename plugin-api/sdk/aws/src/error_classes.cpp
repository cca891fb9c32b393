// One table of AWS error codes -> ABI classes for every AWS plugin. The planner relies on the
// class: capacity spills over to the next config, unavailable is retried with backoff, denied
// and invalid config stop and tell the operator.
#include <tidepool/error.h>

#include <charconv>

#include "tidepool/sdk/aws/errors.h"

namespace tidepool::sdk::aws {

namespace {

constexpr int64_t kThrottleHintMs = 1000;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool any_of(std::string_view code, std::initializer_list<std::string_view> codes) {
    for (std::string_view c : codes) {
        if (code == c) return true;
    }
    return false;
}

int64_t retry_after_ms(std::string_view header, int64_t fallback) {
    int64_t seconds = 0;
    auto result = std::from_chars(header.data(), header.data() + header.size(), seconds);
    if (result.ec == std::errc() && seconds > 0) return seconds * 1000;
    return fallback;
}

}  // namespace

ErrorClass classify_error(std::string_view code, int http_status,
                          std::string_view retry_after_header) {
    if (any_of(code, {"RequestLimitExceeded", "Throttling", "ThrottlingException",
                      "ThrottledException", "TooManyRequestsException", "RequestThrottled",
                      "SlowDown", "PriorRequestNotComplete"}) ||
        http_status == 429) {
        return {TP_ERR_UNAVAILABLE, true, retry_after_ms(retry_after_header, kThrottleHintMs)};
    }
    if (any_of(code, {"InsufficientInstanceCapacity", "InstanceLimitExceeded",
                      "VcpuLimitExceeded", "MaxSpotInstanceCountExceeded",
                      "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity"})) {
        return {TP_ERR_CAPACITY, false, 0};
    }
    if (any_of(code, {"AuthFailure", "UnauthorizedOperation", "SignatureDoesNotMatch",
                      "InvalidClientTokenId", "ExpiredToken", "RequestExpired",
                      "OptInRequired", "Blocked"}) ||
        starts_with(code, "AccessDenied") || starts_with(code, "AuthFailure.")) {
        return {TP_ERR_DENIED, false, 0};
    }
    if (code == "IdempotentParameterMismatch") return {TP_ERR_CONFLICT, false, 0};
    // Before the generic *.NotFound rule: a missing AMI is a config mistake, not a lost VM.
    if (starts_with(code, "InvalidAMIID.")) return {TP_ERR_INVALID_CONFIG, false, 0};
    if (ends_with(code, ".NotFound") || starts_with(code, "NoSuch")) {
        return {TP_ERR_NOT_FOUND, false, 0};
    }
    if (starts_with(code, "InvalidParameter") || starts_with(code, "InvalidAMIID.") ||
        ends_with(code, ".Malformed") || any_of(code, {"MissingParameter", "InvalidInput",
                                                       "InvalidChangeBatch", "ValidationError",
                                                       "UnknownParameter", "Unsupported"})) {
        return {TP_ERR_INVALID_CONFIG, false, 0};
    }
    if (http_status >= 500 || any_of(code, {"InternalError", "InternalFailure", "Unavailable",
                                            "ServiceUnavailable", "InternalServerError"})) {
        return {TP_ERR_UNAVAILABLE, true, retry_after_ms(retry_after_header, 0)};
    }
    if (starts_with(code, "Invalid")) return {TP_ERR_INVALID_CONFIG, false, 0};
    if (http_status == 403 || http_status == 401) return {TP_ERR_DENIED, false, 0};
    if (http_status == 404) return {TP_ERR_NOT_FOUND, false, 0};
    return {TP_ERR_INTERNAL, false, 0};
}

}  // namespace tidepool::sdk::aws
