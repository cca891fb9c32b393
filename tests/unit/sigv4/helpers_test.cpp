// The small helpers other plugins reuse, and the behaviour the suites do not reach: S3 mode,
// payload-hash overrides, unsigned headers, re-signing, and input validation.
#include <doctest/doctest.h>
#include <tidepool/sdk/auth/crypto.h>
#include <tidepool/sdk/auth/sigv4.h>
#include <tidepool/sdk/auth/uri.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace auth = tidepool::sdk::auth;

namespace {

auth::SigningParams example_params() {
    auth::SigningParams params;
    params.region = "us-east-1";
    params.service = "service";
    params.amz_date = "20150830T123600Z";
    return params;
}

const auth::Credentials kCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};

// Line `index` (0-based) of a canonical request.
std::string line_of(const std::string& text, int index) {
    std::size_t begin = 0;
    for (int i = 0; i < index; ++i) begin = text.find('\n', begin) + 1;
    return text.substr(begin, text.find('\n', begin) - begin);
}

}  // namespace

TEST_CASE("sigv4 helpers: SHA-256 and HMAC-SHA256 match FIPS 180-2 and RFC 4231 vectors") {
    CHECK(auth::hex_sha256("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(auth::hex_sha256("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(auth::hex_encode(auth::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // RFC 4231 test case 6: a key longer than the block size is hashed first.
    CHECK(
        auth::hex_encode(auth::hmac_sha256(
            std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(auth::hex_encode(std::string("\x00\x7f\xff", 3)) == "007fff");
}

TEST_CASE("sigv4 helpers: uri_encode keeps only the RFC 3986 unreserved set") {
    CHECK(auth::uri_encode("AZaz09-._~", true) == "AZaz09-._~");
    CHECK(auth::uri_encode("a b/c", false) == "a%20b/c");
    CHECK(auth::uri_encode("a b/c", true) == "a%20b%2Fc");
    CHECK(auth::uri_encode("+=&%$*", true) == "%2B%3D%26%25%24%2A");
    CHECK(auth::uri_encode("\xe1\x88\xb4", true) == "%E1%88%B4");
    CHECK(auth::percent_decode("%E1%88%b4") == "\xe1\x88\xb4");
    CHECK(auth::percent_decode("a+b%2") == "a+b%2");  // '+' is literal; truncated escape kept
    CHECK(auth::percent_decode("%zz%41") == "%zzA");
}

TEST_CASE("sigv4 helpers: normalize_path removes dot segments and empty segments") {
    CHECK(auth::normalize_path("") == "/");
    CHECK(auth::normalize_path("/") == "/");
    CHECK(auth::normalize_path("/..") == "/");
    CHECK(auth::normalize_path("/a/b/../c") == "/a/c");
    CHECK(auth::normalize_path("/a/./b/") == "/a/b/");
    CHECK(auth::normalize_path("/a/b/..") == "/a/");
    CHECK(auth::normalize_path("//a//b") == "/a/b");
    CHECK(auth::normalize_path("/a/.b/..c") == "/a/.b/..c");
}

TEST_CASE("sigv4 helpers: format_amz_date is UTC and truncates to seconds") {
    using namespace std::chrono;
    CHECK(auth::format_amz_date(system_clock::time_point{}) == "19700101T000000Z");
    const sys_days day = year(2015) / August / 30;
    CHECK(auth::format_amz_date(day + hours(12) + minutes(36) + milliseconds(999)) ==
          "20150830T123600Z");
    CHECK(auth::format_amz_date(sys_days(year(2024) / February / 29) + hours(23) + minutes(59) +
                                seconds(59)) == "20240229T235959Z");
}

TEST_CASE("sigv4: signing key for the documented IAM example") {
    auth::SigningParams params = example_params();
    params.service = "iam";
    CHECK(auth::hex_encode(auth::signing_key(kCredentials.secret_access_key, params)) ==
          "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

TEST_CASE("sigv4: S3 mode signs the path literally (no normalization, single encoding)") {
    auth::SigningParams params = example_params();
    params.normalize_path = false;
    params.double_uri_encode = false;
    auth::HttpRequest request{
        "GET", "/my-object//example//photo%20a.user", "", {{"Host", "h"}}, ""};
    CHECK(line_of(auth::canonical_request(request, params), 1) ==
          "/my-object//example//photo%20a.user");
    params.double_uri_encode = true;
    CHECK(line_of(auth::canonical_request(request, params), 1) ==
          "/my-object//example//photo%2520a.user");
}

TEST_CASE("sigv4: payload_hash override is sent and signed") {
    auth::SigningParams params = example_params();
    params.sign_body = true;
    params.payload_hash = "UNSIGNED-PAYLOAD";
    auth::HttpRequest request{"PUT", "/k", "", {{"Host", "h"}}, "body"};
    auth::sign_request(request, kCredentials, params);
    CHECK(request.headers[2] ==
          std::make_pair(std::string("x-amz-content-sha256"), std::string("UNSIGNED-PAYLOAD")));
    CHECK(line_of(auth::canonical_request(request, params), 8) == "UNSIGNED-PAYLOAD");
    const std::string query =
        auth::presign_query({"GET", "/k", "", {{"Host", "h"}}, ""}, kCredentials, params);
    CHECK(query.find("X-Amz-Signature=") != std::string::npos);
}

TEST_CASE("sigv4: hop-by-hop and proxy-rewritten headers are not signed") {
    auth::HttpRequest request{"GET",
                              "/",
                              "",
                              {{"Host", "h"},
                               {"User-Agent", "x"},
                               {"X-Amzn-Trace-Id", "t"},
                               {"Connection", "keep-alive"},
                               {"Content-Type", "a/b"}},
                              ""};
    CHECK(auth::signed_headers(request, example_params()) == "content-type;host");
}

TEST_CASE("sigv4: re-signing a retried request replaces the signing headers in place") {
    auth::Credentials credentials = kCredentials;
    credentials.session_token = "token";
    auth::HttpRequest request{"GET", "/", "", {{"Host", "h"}}, ""};
    auth::sign_request(request, credentials, example_params());
    const auto first = request.headers;
    REQUIRE(first.size() == 4);
    auth::SigningParams later = example_params();
    later.amz_date = "20150830T123700Z";
    auth::sign_request(request, credentials, later);
    REQUIRE(request.headers.size() == 4);
    CHECK(request.headers[2].second == "20150830T123700Z");
    CHECK(request.headers[3].second != first[3].second);
}

TEST_CASE("sigv4: malformed parameters fail with the field named") {
    auth::HttpRequest request{"GET", "/", "", {{"Host", "h"}}, ""};
    auth::SigningParams params = example_params();
    params.amz_date = "2015-08-30T12:36:00Z";
    CHECK_THROWS_WITH_AS(auth::sign_request(request, kCredentials, params),
                         doctest::Contains("SigningParams.amz_date"), std::invalid_argument);
    params = example_params();
    params.region.clear();
    CHECK_THROWS_AS(auth::sign_request(request, kCredentials, params), std::invalid_argument);
    params = example_params();
    params.expires = std::chrono::seconds(604801);
    CHECK_THROWS_WITH_AS(auth::presign_query(request, kCredentials, params),
                         doctest::Contains("SigningParams.expires"), std::invalid_argument);
}
