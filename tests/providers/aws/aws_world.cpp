#include "aws_world.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>

extern char** environ;

namespace tidepool::test {

namespace {

fs::path scratch_dir() {
    std::string pattern = (fs::temp_directory_path() / "tp-aws-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    fs::permissions(pattern, fs::perms(0755));
    return pattern;
}

// A fresh 2048-bit RSA key per run: no private key is committed to the repository.
std::string make_key_pair(const fs::path& public_pem) {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    REQUIRE(key != nullptr);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(size));
    BIO_free(bio);
    FILE* f = std::fopen(public_pem.c_str(), "w");
    REQUIRE(f != nullptr);
    PEM_write_PUBKEY(f, key);
    std::fclose(f);
    EVP_PKEY_free(key);
    return pem;
}

size_t collect(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

std::string control(const std::string& url, const char* method, const std::string& body) {
    CURL* curl = curl_easy_init();
    std::string out;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (std::string(method) == "POST") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    REQUIRE_MESSAGE(rc == CURLE_OK, "fake control call failed: ", url);
    return out;
}

}  // namespace

FakeAws::FakeAws() : dir_(scratch_dir()) {
    private_pem_ = make_key_pair(dir_ / "windows-key.pub.pem");
    std::string script = std::string(TIDEPOOL_SOURCE_DIR) + "/tests/providers/aws/fake/server.py";
    std::string specs = std::string(TIDEPOOL_SHARED_DIR) + "/specs/aws";
    std::vector<std::string> args = {
        "python3", script, "--port-file", (dir_ / "port").string(), "--specs", specs,
        "--key", std::string(kKeyId) + ":" + kSecret,
        "--key", std::string(kRoleKeyId) + ":" + kRoleSecret + ":" + kRoleToken,
        "--hosted-zone", std::string(kZone) + ":agents.example.com",
        "--password-public-key", (dir_ / "windows-key.pub.pem").string(),
        "--imds-role", "tidepool-role"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(::posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) == 0);
    for (int i = 0; i < 400 && port_ == 0; ++i) {
        std::ifstream in(dir_ / "port");
        if (!(in >> port_)) {
            port_ = 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
    }
    REQUIRE_MESSAGE(port_ > 0, "the fake AWS endpoint did not start");
}

FakeAws::~FakeAws() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

FakeAws& FakeAws::shared() {
    static FakeAws fake;
    return fake;
}

void FakeAws::reset() { control(url() + "/_fake/reset", "POST", "{}"); }

void FakeAws::inject(const std::string& json) { control(url() + "/_fake/inject", "POST", json); }

void FakeAws::configure(const std::string& json) {
    control(url() + "/_fake/config", "POST", json);
}

rapidjson::Document FakeAws::state() {
    rapidjson::Document doc;
    doc.Parse(control(url() + "/_fake/state", "GET", "").c_str());
    REQUIRE(doc.IsObject());
    return doc;
}

std::vector<rapidjson::Document> FakeAws::requests(const std::string& operation) {
    rapidjson::Document all = state();
    std::vector<rapidjson::Document> out;
    for (const auto& r : all["requests"].GetArray()) {
        if (operation != r["operation"].GetString()) continue;
        rapidjson::Document one;
        one.CopyFrom(r["params"], one.GetAllocator());
        out.push_back(std::move(one));
    }
    return out;
}

AwsWorld::AwsWorld() : fake_(FakeAws::shared()), plugin_dir_(scratch_dir()) {
    fake_.reset();
    fs::path staging = plugin_dir_ / ".tidepool-aws.so.tmp";
    fs::copy_file(TIDEPOOL_AWS_PLUGIN, staging, fs::copy_options::overwrite_existing);
    fs::permissions(staging, fs::perms(0755));
    fs::rename(staging, plugin_dir_ / "tidepool-aws.so");
    plugins::RegistryOptions options;
    options.plugin_dirs = {plugin_dir_};
    registry_ = std::make_unique<plugins::PluginRegistry>(std::move(options));
    auto report = registry_->reload();
    CAPTURE(report.refused);
    REQUIRE(report.loaded.size() == 1);
}

AwsWorld::~AwsWorld() {
    if (!expect_rejections_) {
        rapidjson::Document state = fake_.state();
        std::string refused;
        for (const auto& r : state["rejections"].GetArray()) refused += r.GetString() + std::string("\n");
        CHECK_MESSAGE(refused.empty(), "the fake refused requests:\n", refused);
    }
    registry_.reset();
    std::error_code ec;
    fs::remove_all(plugin_dir_, ec);
}

std::string AwsWorld::ec2_config(const std::string& extra) const {
    return std::string(R"({"region": "us-east-1", "ami_id": "ami-0123456789abcdef0",)") +
           R"("access_key_id": ")" + kKeyId + R"(", "secret_access_key": ")" + kSecret +
           R"(", "endpoint_url": ")" + fake_.url() + "\"" + (extra.empty() ? "" : ", " + extra) +
           "}";
}

std::string AwsWorld::dns_config(const std::string& extra) const {
    return std::string(R"({"hosted_zone_id": ")") + kZone + R"(", "poll_interval_ms": 10,)" +
           R"("access_key_id": ")" + kKeyId + R"(", "secret_access_key": ")" + kSecret +
           R"(", "endpoint_url": ")" + fake_.url() + "\"" + (extra.empty() ? "" : ", " + extra) +
           "}";
}

std::unique_ptr<plugins::VmClient> AwsWorld::open_vm(const std::string& config) {
    auto client = registry_->open_vm(kAwsId, config);
    REQUIRE_MESSAGE(client.ok(), client.error().message);
    return std::move(*client);
}

std::unique_ptr<plugins::DnsClient> AwsWorld::open_dns(const std::string& config) {
    auto client = registry_->open_dns(kAwsId, config);
    REQUIRE_MESSAGE(client.ok(), client.error().message);
    return std::move(*client);
}

plugins::VmSpec aws_spec(const std::string& name, const std::string& config_id) {
    plugins::VmSpec s;
    s.name = name;
    s.idempotency_key = name + "-key";
    s.tags = {{"tidepool-installation", "inst-1"}, {"tidepool-config", config_id},
              {"tidepool-machine", name}};
    s.startup_script = "#!/bin/sh\necho hello from " + name + "\n";
    return s;
}

}  // namespace tidepool::test
