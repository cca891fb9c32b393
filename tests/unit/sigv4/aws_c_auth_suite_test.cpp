// Runs every case of the aws-c-auth SigV4 suite (specs/aws/sigv4-testsuite-aws-c-auth/v4): header
// signing and presigned-URL (query) signing, each step compared byte for byte.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <tidepool/sdk/auth/sigv4.h>

#include <algorithm>
#include <filesystem>
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

struct Context {
    auth::Credentials credentials;
    auth::SigningParams params;
};

bool get_bool(const rapidjson::Value& value, const std::string& key) {
    if (!value.IsBool()) throw std::runtime_error("context.json /" + key + " is not a boolean");
    return value.GetBool();
}

std::string get_string(const rapidjson::Value& value, const std::string& key) {
    if (!value.IsString()) throw std::runtime_error("context.json /" + key + " is not a string");
    return std::string(value.GetString(), value.GetStringLength());
}

void read_credentials(const rapidjson::Value& object, auth::Credentials& credentials) {
    if (!object.IsObject()) throw std::runtime_error("context.json /credentials is not an object");
    for (const auto& member : object.GetObject()) {
        const std::string key = member.name.GetString();
        std::string* field = nullptr;
        if (key == "access_key_id") field = &credentials.access_key_id;
        if (key == "secret_access_key") field = &credentials.secret_access_key;
        if (key == "token") field = &credentials.session_token;
        if (field == nullptr) throw std::runtime_error("context.json: unknown /credentials/" + key);
        *field = get_string(member.value, "credentials/" + key);
    }
}

// Every key is mapped onto a signing option; an unknown key fails the case, so a suite update
// that adds an option cannot be silently ignored.
Context load_context(const fs::path& file) {
    rapidjson::Document doc;
    doc.Parse(read_file(file));
    if (doc.HasParseError() || !doc.IsObject())
        throw std::runtime_error("bad JSON: " + file.string());
    Context ctx;
    for (const auto& member : doc.GetObject()) {
        const std::string key = member.name.GetString();
        const rapidjson::Value& value = member.value;
        if (key == "credentials") {
            read_credentials(value, ctx.credentials);
        } else if (key == "region") {
            ctx.params.region = get_string(value, key);
        } else if (key == "service") {
            ctx.params.service = get_string(value, key);
        } else if (key == "timestamp") {
            ctx.params.amz_date = tidepool::test::amz_date_from_iso8601(get_string(value, key));
        } else if (key == "normalize") {
            ctx.params.normalize_path = get_bool(value, key);
        } else if (key == "sign_body") {
            ctx.params.sign_body = get_bool(value, key);
        } else if (key == "omit_session_token") {
            ctx.params.omit_session_token_from_signature = get_bool(value, key);
        } else if (key == "expiration_in_seconds" && value.IsInt64()) {
            ctx.params.expires = std::chrono::seconds(value.GetInt64());
        } else {
            throw std::runtime_error("context.json: unknown or mistyped key /" + key);
        }
    }
    return ctx;
}

std::string header_value(const auth::HttpRequest& request, const std::string& name) {
    for (const auto& header : request.headers) {
        if (header.first == name) return header.second;
    }
    throw std::runtime_error("no " + name + " header");
}

bool run_header_signing(const std::string& name, const fs::path& dir, const Context& ctx,
                        const auth::HttpRequest& request) {
    auth::HttpRequest prepared = request;
    auth::add_signing_headers(prepared, ctx.credentials, ctx.params);
    const std::string creq = auth::canonical_request(prepared, ctx.params);
    const std::string sts = auth::string_to_sign(creq, ctx.params);
    const std::string signed_text = read_file(dir / "header-signed-request.txt");
    const std::string expected_authz =
        header_value(tidepool::test::parse_raw_request(signed_text), "Authorization");
    auth::HttpRequest signed_request = request;
    auth::sign_request(signed_request, ctx.credentials, ctx.params);

    bool ok = check_same(name, "header canonical request", creq,
                         read_file(dir / "header-canonical-request.txt"));
    ok &= check_same(name, "header string to sign", sts,
                     read_file(dir / "header-string-to-sign.txt"));
    ok &= check_same(name, "header signature", auth::signature(sts, ctx.credentials, ctx.params),
                     read_file(dir / "header-signature.txt"));
    ok &= check_same(name, "Authorization header",
                     auth::authorization_header(prepared, ctx.credentials, ctx.params),
                     expected_authz);
    ok &= check_same(name, "header signed request",
                     tidepool::test::write_aws_c_auth_request(signed_request), signed_text);
    return ok;
}

bool run_query_signing(const std::string& name, const fs::path& dir, const Context& ctx,
                       const auth::HttpRequest& request) {
    auth::HttpRequest prepared = request;
    auth::add_presign_params(prepared, ctx.credentials, ctx.params);
    const std::string creq = auth::canonical_request(prepared, ctx.params);
    const std::string sts = auth::string_to_sign(creq, ctx.params);
    auth::HttpRequest presigned = request;
    presigned.query = auth::presign_query(request, ctx.credentials, ctx.params);

    bool ok = check_same(name, "query canonical request", creq,
                         read_file(dir / "query-canonical-request.txt"));
    ok &=
        check_same(name, "query string to sign", sts, read_file(dir / "query-string-to-sign.txt"));
    ok &= check_same(name, "query signature", auth::signature(sts, ctx.credentials, ctx.params),
                     read_file(dir / "query-signature.txt"));
    ok &= check_same(name, "query signed request",
                     tidepool::test::write_aws_c_auth_request(presigned),
                     read_file(dir / "query-signed-request.txt"));
    return ok;
}

bool run_case(const std::string& name, const fs::path& dir) {
    const Context ctx = load_context(dir / "context.json");
    const auth::HttpRequest request =
        tidepool::test::parse_raw_request(read_file(dir / "request.txt"));
    const bool header_ok = run_header_signing(name, dir, ctx, request);
    const bool query_ok = run_query_signing(name, dir, ctx, request);
    return header_ok && query_ok;
}

}  // namespace

TEST_CASE("sigv4: every aws-c-auth v4 case, header and query signing, byte for byte") {
    const fs::path root = tidepool::test::aws_spec_dir("sigv4-testsuite-aws-c-auth");
    int skipped = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        // Only SigV4 (HMAC) is in scope; sibling variants such as v4a (ECDSA) are reported.
        if (entry.is_directory() && entry.path().filename() != "v4") {
            MESSAGE("skipped " << entry.path().filename().string()
                               << ": not SigV4 HMAC (out of scope for tp_sdk_auth)");
            ++skipped;
        }
    }
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(root / "v4")) {
        if (entry.is_directory()) cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE_MESSAGE(!cases.empty(), "no cases found under " << (root / "v4").string());

    std::size_t passed = 0;
    for (const fs::path& dir : cases) {
        const std::string name = dir.filename().string();
        try {
            passed += run_case(name, dir) ? 1 : 0;
        } catch (const std::exception& error) {
            FAIL_CHECK(name << ": " << std::string(error.what()));
        }
    }
    MESSAGE("aws-c-auth v4: " << passed << "/" << cases.size()
                              << " cases pass (header and query signing); " << skipped
                              << " variant folder(s) skipped");
    CHECK(passed == cases.size());
}
