// Base64 and timestamp helpers of the AWS SDK, table-tested.
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/codec.h>

namespace tidepool::test {
namespace {

using namespace sdk::aws;

TEST_CASE("base64 round trips and rejects non-base64") {
    const std::string samples[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", {"\0\xff", 2}};
    for (const std::string& s : samples) {
        CAPTURE(s);
        CHECK(base64_decode(base64_encode(s)) == s);
    }
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_decode("Zm9v\nYmE=") == "fooba");
    CHECK_FALSE(base64_decode("Zm9").has_value());
    CHECK_FALSE(base64_decode("Zm9*").has_value());
}

TEST_CASE("timestamps parse in every AWS format") {
    CHECK(parse_timestamp("2015-01-25T08:00:00Z") == 1422172800.0);
    CHECK(parse_timestamp("2015-01-25T08:00:00.5Z") == 1422172800.5);
    CHECK(parse_timestamp("2015-01-25T09:00:00+01:00") == 1422172800.0);
    CHECK(parse_timestamp("Sun, 25 Jan 2015 08:00:00 GMT") == 1422172800.0);
    CHECK(parse_timestamp("1422172800") == 1422172800.0);
    CHECK_FALSE(parse_timestamp("yesterday").has_value());
    CHECK(format_iso8601(1422172800) == "2015-01-25T08:00:00Z");
    CHECK(format_http_date(1422172800) == "Sun, 25 Jan 2015 08:00:00 GMT");
    CHECK(format_epoch_seconds(1422172800.5) == "1422172800.5");
}

}  // namespace
}  // namespace tidepool::test
