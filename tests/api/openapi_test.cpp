// api.openapi: the OpenAPI document and the daemon's router agree route for route, the served
// copy is the file, and a real validator from npm accepts the document.
#include <doctest/doctest.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <unistd.h>
#include <string>

#include "daemon/api_context.h"
#include "daemon/daemon_plugins.h"
#include "daemon/openapi_document.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace tidepool;

namespace {

const fs::path kDocument = fs::path(TIDEPOOL_SOURCE_DIR) / "docs/api/openapi.json";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The daemon's real route table, built the way tidepoold builds it (nothing is started).
struct RouterFixture {
    fs::path dir = fs::temp_directory_path() / ("tp-openapi-" + std::to_string(::getpid()));
    boost::asio::io_context io;
    daemon::Logger logger;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<daemon::DaemonPlugins> plugins;
    std::unique_ptr<runtime::Runtime> runtime;
    std::unique_ptr<auth::Authenticator> auth;
    std::unique_ptr<daemon::ApiContext> api;
    http::Router router;

    RouterFixture() {
        fs::create_directories(dir);
        auto opened = store::open_sqlite_store({(dir / "tidepool.db").string()});
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        plugins = daemon::DaemonPlugins::open({}, *store, logger);
        runtime = std::make_unique<runtime::Runtime>(io, runtime::RuntimeOptions{}, *store,
                                                     plugins->gateway());
        auth = std::make_unique<auth::Authenticator>(*store);
        api = std::make_unique<daemon::ApiContext>(daemon::ApiContext{
            *runtime, plugins->gateway(), plugins->admin(), std::chrono::steady_clock::now(),
            "test", 1024 * 1024, nullptr, auth.get()});
        daemon::add_api_routes(router, *api);
    }
    ~RouterFixture() {
        runtime.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

std::set<std::string> registered_routes() {
    RouterFixture f;
    std::set<std::string> out;
    for (const auto& r : f.router.routes()) out.insert(r.method + " " + r.pattern);
    return out;
}

std::set<std::string> documented_routes(const rapidjson::Document& doc) {
    static constexpr std::array<const char*, 7> kMethods{"get", "put", "post", "delete",
                                                         "patch", "head", "options"};
    std::set<std::string> out;
    for (const auto& path : doc["paths"].GetObject()) {
        for (const char* method : kMethods) {
            if (!path.value.HasMember(method)) continue;
            std::string upper(method);
            for (auto& c : upper) c = static_cast<char>(std::toupper(c));
            out.insert(upper + " " + path.name.GetString());
        }
    }
    return out;
}

std::string run(const std::string& command, int& status) {
    std::string output;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    status = ::pclose(pipe);
    return output;
}

}  // namespace

TEST_CASE("every registered route is documented and every documented route exists") {
    rapidjson::Document doc;
    auto text = read_file(kDocument);
    REQUIRE_FALSE(doc.Parse(text.c_str()).HasParseError());
    REQUIRE(doc.HasMember("paths"));
    auto documented = documented_routes(doc);
    auto registered = registered_routes();
    REQUIRE(registered.size() > 20);
    for (const auto& route : registered) {
        INFO("registered but not in docs/api/openapi.json: " << route);
        CHECK(documented.count(route) == 1);
    }
    for (const auto& route : documented) {
        INFO("documented in docs/api/openapi.json but not registered: " << route);
        CHECK(registered.count(route) == 1);
    }
}

TEST_CASE("tidepoold serves docs/api/openapi.json byte for byte") {
    CHECK(daemon::openapi_document() == read_file(kDocument));
}

TEST_CASE("a real OpenAPI validator from npm accepts the document") {
    const fs::path dir = TIDEPOOL_OPENAPI_VALIDATOR_DIR;
    // Never skipped: without the validator (npm or the registry unreachable) this fails.
    REQUIRE_MESSAGE(fs::exists(dir / "node_modules/@apidevtools/swagger-parser"),
                    "the validator is not installed in " << dir << "; api.openapi_setup runs "
                    "tests/api/npm_setup.sh");
    int status = 0;
    auto output = run("NODE_PATH='" + (dir / "node_modules").string() + "' node '" +
                          TIDEPOOL_OPENAPI_VALIDATOR_JS + "' '" + kDocument.string() + "'",
                      status);
    INFO(output);
    CHECK(status == 0);
    CHECK(output.rfind("valid:", 0) == 0);
}

TEST_CASE("the validator is not a rubber stamp: it refuses a broken document") {
    const fs::path dir = TIDEPOOL_OPENAPI_VALIDATOR_DIR;
    REQUIRE(fs::exists(dir / "node_modules/@apidevtools/swagger-parser"));
    rapidjson::Document doc;
    auto text = read_file(kDocument);
    REQUIRE_FALSE(doc.Parse(text.c_str()).HasParseError());
    // OpenAPI 3.0 requires a description on every response.
    doc["paths"]["/api/v1/zones/{id}"]["get"]["responses"]["200"].RemoveMember("description");
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> w(out);
    doc.Accept(w);
    fs::path broken = fs::temp_directory_path() / ("tp-openapi-broken-" +
                                                    std::to_string(::getpid()) + ".json");
    std::ofstream(broken) << out.GetString();
    int status = 0;
    auto output = run("NODE_PATH='" + (dir / "node_modules").string() + "' node '" +
                          TIDEPOOL_OPENAPI_VALIDATOR_JS + "' '" + broken.string() + "'",
                      status);
    fs::remove(broken);
    INFO(output);
    CHECK(status != 0);
    CHECK(output.find("invalid:") != std::string::npos);
}
