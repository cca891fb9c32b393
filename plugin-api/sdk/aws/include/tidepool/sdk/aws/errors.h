// AWS error responses: parsing both XML error envelopes and classifying error codes into the
// plugin ABI's classes, so every AWS plugin reacts to throttling, capacity and auth the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::sdk::aws {

struct AwsError {
    std::string code;        // "RequestLimitExceeded"
    std::string message;
    std::string request_id;
};

// Reads `<Response><Errors><Error><Code>` (ec2) or `<ErrorResponse><Error><Code>` (rest-xml and
// query) envelopes. std::nullopt when body is neither.
std::optional<AwsError> parse_error(std::string_view body);

// How a failed call is classified for the host (tidepool/error.h statuses).
struct ErrorClass {
    int32_t status;          // TP_ERR_*
    bool retryable;          // the core may retry with backoff
    int64_t retry_after_ms;  // a hint, 0 when none
};

// Classifies an AWS error by code first, then HTTP status:
//   RequestLimitExceeded, Throttling*, TooManyRequests, PriorRequestNotComplete -> unavailable,
//     retryable with a hint; InsufficientInstanceCapacity, InstanceLimitExceeded,
//     VcpuLimitExceeded, MaxSpotInstanceCountExceeded -> capacity; AuthFailure,
//     UnauthorizedOperation, AccessDenied*, SignatureDoesNotMatch, InvalidClientTokenId,
//     ExpiredToken -> denied; InvalidParameter*, InvalidAMIID.*, MissingParameter, Invalid*.Malformed
//     -> invalid config; *.NotFound / NoSuch* -> not found; IdempotentParameterMismatch ->
//     conflict; any 5xx or InternalError/ServiceUnavailable/Unavailable -> unavailable, retryable.
// retry_after_header is the response's Retry-After (seconds), when present.
ErrorClass classify_error(std::string_view code, int http_status,
                          std::string_view retry_after_header = {});

}  // namespace tidepool::sdk::aws
