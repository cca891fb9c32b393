// The AWS error code -> ABI class table, as issue 7 lists it.
#include <doctest/doctest.h>

#include <tidepool/error.h>
#include <tidepool/sdk/aws/errors.h>

namespace tidepool::test {
namespace {

using sdk::aws::classify_error;

TEST_CASE("AWS error codes map to the ABI classes the planner acts on") {
    struct Row {
        const char* code;
        int http;
        int32_t status;
        bool retryable;
    };
    const Row rows[] = {
        {"RequestLimitExceeded", 503, TP_ERR_UNAVAILABLE, true},
        {"Throttling", 400, TP_ERR_UNAVAILABLE, true},
        {"InsufficientInstanceCapacity", 500, TP_ERR_CAPACITY, false},
        {"InstanceLimitExceeded", 400, TP_ERR_CAPACITY, false},
        {"VcpuLimitExceeded", 400, TP_ERR_CAPACITY, false},
        {"AuthFailure", 401, TP_ERR_DENIED, false},
        {"UnauthorizedOperation", 403, TP_ERR_DENIED, false},
        {"InvalidParameterValue", 400, TP_ERR_INVALID_CONFIG, false},
        {"InvalidAMIID.NotFound", 400, TP_ERR_INVALID_CONFIG, false},
        {"InvalidAMIID.Malformed", 400, TP_ERR_INVALID_CONFIG, false},
        {"InvalidInstanceID.NotFound", 400, TP_ERR_NOT_FOUND, false},
        {"NoSuchHostedZone", 404, TP_ERR_NOT_FOUND, false},
        {"IdempotentParameterMismatch", 400, TP_ERR_CONFLICT, false},
        {"InternalError", 500, TP_ERR_UNAVAILABLE, true},
        {"", 502, TP_ERR_UNAVAILABLE, true},
        {"PriorRequestNotComplete", 400, TP_ERR_UNAVAILABLE, true},
    };
    for (const Row& row : rows) {
        CAPTURE(row.code);
        auto c = classify_error(row.code, row.http);
        CHECK(c.status == row.status);
        CHECK(c.retryable == row.retryable);
    }
    CHECK(classify_error("RequestLimitExceeded", 503).retry_after_ms > 0);
    CHECK(classify_error("Throttling", 400, "7").retry_after_ms == 7000);
}

}  // namespace
}  // namespace tidepool::test
