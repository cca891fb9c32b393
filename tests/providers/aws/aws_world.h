// The fake AWS endpoint (fake/server.py) as a child process, and tidepool-aws.so loaded
// through the real PluginRegistry with the real host services (libcurl HTTP, real clock), so
// every call below goes over loopback HTTP, SigV4-signed, to a fake that checks it against
// the official models.
#pragma once

#include <rapidjson/document.h>

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "plugins/dns_client.h"
#include "plugins/registry.h"
#include "plugins/vm_client.h"

namespace tidepool::test {

namespace fs = std::filesystem;

inline constexpr const char* kAwsId = "org.tidepool.aws";
inline constexpr const char* kKeyId = "AKIDTIDEPOOLTEST0001";
inline constexpr const char* kSecret = "tidepool/test/secret+key";
inline constexpr const char* kRoleKeyId = "ASIATIDEPOOLROLE0001";
inline constexpr const char* kRoleSecret = "role-secret";
inline constexpr const char* kRoleToken = "role-session-token";
inline constexpr const char* kZone = "ZTIDEPOOL1";
inline constexpr const char* kWindowsPassword = "Tidepool-Fake-Pw1!";

class FakeAws {
public:
    // One fake process per test binary (starting Python and loading the 4 MB EC2 model is the
    // slow part); AwsWorld resets it between test cases.
    static FakeAws& shared();
    FakeAws();
    ~FakeAws();
    FakeAws(const FakeAws&) = delete;
    FakeAws& operator=(const FakeAws&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const fs::path& dir() const { return dir_; }
    // The RSA private key (PEM) whose public half encrypts the fake's Windows passwords.
    const std::string& private_key_pem() const { return private_pem_; }

    // Control endpoints (see server.py).
    void reset();
    void inject(const std::string& json);
    void configure(const std::string& json);
    rapidjson::Document state();
    // Requests the fake accepted for operation, oldest first (params keyed by member name).
    std::vector<rapidjson::Document> requests(const std::string& operation);

private:
    fs::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::string private_pem_;
};

// A registry holding a private copy of tidepool-aws.so, with default host services.
class AwsWorld {
public:
    AwsWorld();
    ~AwsWorld();

    FakeAws& fake() { return fake_; }
    // The EC2 config for the fake: static keys, endpoint override, plus extra members
    // (a JSON fragment like "\"max_instances\": 2", may be empty).
    std::string ec2_config(const std::string& extra = "") const;
    std::string dns_config(const std::string& extra = "") const;
    std::unique_ptr<plugins::VmClient> open_vm(const std::string& config);
    std::unique_ptr<plugins::DnsClient> open_dns(const std::string& config);
    plugins::PluginRegistry& registry() { return *registry_; }
    // Tests that send deliberately bad requests say so; every other test ends by checking the
    // fake refused none of the plugin's requests.
    void expect_rejections() { expect_rejections_ = true; }

private:
    FakeAws& fake_;
    fs::path plugin_dir_;
    std::unique_ptr<plugins::PluginRegistry> registry_;
    bool expect_rejections_ = false;
};

// A VmSpec with the three core tags.
plugins::VmSpec aws_spec(const std::string& name, const std::string& config_id = "cfg-1");

}  // namespace tidepool::test
