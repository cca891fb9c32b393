// Runs every case of the classic AWS SigV4 suite as shipped with botocore
// (specs/aws/sigv4-testsuite-botocore): canonical request, string to sign, Authorization and the
// signed request, byte for byte. The suite only covers header signing.
#include <doctest/doctest.h>
#include <tidepool/sdk/auth/sigv4.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "raw_http.h"
#include "suite_util.h"

namespace fs = std::filesystem;
namespace auth = tidepool::sdk::auth;
using tidepool::test::check_same;
using tidepool::test::read_file;

namespace {

// The suite's fixed inputs (its documentation; see specs/aws/SOURCE.md).
constexpr const char* kAccessKeyId = "AKIDEXAMPLE";
constexpr const char* kSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kRegion = "us-east-1";
constexpr const char* kService = "service";
constexpr const char* kTimestamp = "2015-08-30T12:36:00Z";

// post-sts-token/readme.txt: in "post-sts-header-after" the X-Amz-Security-Token header "is
// added to the request after you calculate the signature". Only prose says so, hence this list.
const std::vector<std::string> kTokenAddedAfterSigning = {"post-sts-header-after"};

const std::string* find_header(const auth::HttpRequest& request, const std::string& name) {
    for (const auto& header : request.headers) {
        if (header.first == name) return &header.second;
    }
    return nullptr;
}

// A case is a folder holding "<folder>.req"; other folders (normalize-path/, post-sts-token/)
// only group cases.
std::vector<fs::path> discover_cases(const fs::path& root) {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const fs::path& dir = entry.path();
        if (entry.is_directory() && fs::exists(dir / (dir.filename().string() + ".req"))) {
            cases.push_back(dir);
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

// The token a case signs with is the X-Amz-Security-Token the request carries: before signing
// (.req) or, when the signer must add it, after (.sreq).
auth::Credentials credentials_for(const auth::HttpRequest& request,
                                  const auth::HttpRequest& signed_request) {
    auth::Credentials credentials{kAccessKeyId, kSecretAccessKey, ""};
    const std::string* token = find_header(request, "X-Amz-Security-Token");
    if (token == nullptr) token = find_header(signed_request, "X-Amz-Security-Token");
    if (token != nullptr) credentials.session_token = *token;
    return credentials;
}

// The expected signed request, with one known erratum of the suite corrected: in
// get-vanilla-with-session-token the .sreq carries a signature that disagrees with the case's own
// .authz (and with aws-c-auth's copy of the case). Whenever the two files disagree, .authz wins
// and the correction is reported.
std::string expected_signed_request(const std::string& name, const fs::path& base, int& errata) {
    std::string sreq = read_file(base.string() + ".sreq");
    const std::string authz = read_file(base.string() + ".authz");
    const auth::HttpRequest parsed = tidepool::test::parse_raw_request(sreq);
    const std::string* in_sreq = find_header(parsed, "Authorization");
    if (in_sreq == nullptr) throw std::runtime_error(".sreq has no Authorization header");
    const std::string stated = in_sreq->substr(in_sreq->find_first_not_of(' '));
    if (stated != authz) {
        MESSAGE(name << ": suite erratum: .sreq Authorization differs from .authz; "
                        "checking the signed request against .authz");
        ++errata;
        sreq.replace(sreq.find(stated), stated.size(), authz);
    }
    return sreq;
}

bool run_case(const std::string& name, const fs::path& dir, int& errata) {
    const fs::path base = dir / name;
    const auth::HttpRequest request =
        tidepool::test::parse_raw_request(read_file(base.string() + ".req"));
    const auth::Credentials credentials = credentials_for(
        request, tidepool::test::parse_raw_request(read_file(base.string() + ".sreq")));
    auth::SigningParams params;
    params.region = kRegion;
    params.service = kService;
    params.amz_date = tidepool::test::amz_date_from_iso8601(kTimestamp);
    params.omit_session_token_from_signature =
        std::count(kTokenAddedAfterSigning.begin(), kTokenAddedAfterSigning.end(), name) > 0;

    auth::HttpRequest prepared = request;
    auth::add_signing_headers(prepared, credentials, params);
    const std::string creq = auth::canonical_request(prepared, params);
    const std::string sts = auth::string_to_sign(creq, params);
    auth::HttpRequest signed_request = request;
    auth::sign_request(signed_request, credentials, params);

    bool ok = check_same(name, "canonical request", creq, read_file(base.string() + ".creq"));
    ok &= check_same(name, "string to sign", sts, read_file(base.string() + ".sts"));
    ok &= check_same(name, "Authorization header",
                     auth::authorization_header(prepared, credentials, params),
                     read_file(base.string() + ".authz"));
    ok &= check_same(name, "signed request", tidepool::test::write_botocore_request(signed_request),
                     expected_signed_request(name, base, errata));
    return ok;
}

}  // namespace

TEST_CASE("sigv4: every botocore (classic AWS) suite case, byte for byte") {
    const fs::path root = tidepool::test::aws_spec_dir("sigv4-testsuite-botocore");
    const std::vector<fs::path> cases = discover_cases(root);
    REQUIRE_MESSAGE(!cases.empty(), "no cases found under " << root.string());

    std::size_t passed = 0;
    int errata = 0;
    std::vector<std::string> names;
    for (const fs::path& dir : cases) {
        const std::string name = dir.filename().string();
        names.push_back(name);
        try {
            passed += run_case(name, dir, errata) ? 1 : 0;
        } catch (const std::exception& error) {
            FAIL_CHECK(name << ": " << std::string(error.what()));
        }
    }
    for (const std::string& listed : kTokenAddedAfterSigning) {
        CHECK_MESSAGE(std::count(names.begin(), names.end(), listed) == 1,
                      "readme-listed case " << listed << " not found (stale list?)");
    }
    MESSAGE("botocore: " << passed << "/" << cases.size() << " cases pass; " << errata
                         << " suite erratum corrected, 0 skipped");
    CHECK(passed == cases.size());
}
