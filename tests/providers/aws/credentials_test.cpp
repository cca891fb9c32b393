// Each credential source of the chain, proven by the fake accepting the signature made with
// the keys that source holds (and the session token it requires).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <optional>

#include "aws_world.h"

namespace tidepool::test {
namespace {

// Sets environment variables for one test and restores them after.
class ScopedEnv {
public:
    void set(const char* name, const std::string& value) {
        const char* old = std::getenv(name);
        saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
            if (it->second) {
                ::setenv(it->first.c_str(), it->second->c_str(), 1);
            } else {
                ::unsetenv(it->first.c_str());
            }
        }
    }

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// An EC2 config without static keys, so the chain decides.
std::string chain_config(AwsWorld& world, const std::string& extra = "") {
    return std::string(R"({"region": "us-east-1", "ami_id": "ami-0123456789abcdef0",)") +
           R"("endpoint_url": ")" + world.fake().url() + "\"" +
           (extra.empty() ? "" : ", " + extra) + "}";
}

// Keeps the developer's real AWS setup out of the test.
void isolate(ScopedEnv& env, AwsWorld& world) {
    env.set("AWS_SHARED_CREDENTIALS_FILE", (world.fake().dir() / "no-such-file").string());
    env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9");  // closed port
    ::unsetenv("AWS_ACCESS_KEY_ID");
    ::unsetenv("AWS_SECRET_ACCESS_KEY");
    ::unsetenv("AWS_SESSION_TOKEN");
    ::unsetenv("AWS_PROFILE");
}

TEST_CASE("environment variables") {
    AwsWorld world;
    ScopedEnv env;
    isolate(env, world);
    env.set("AWS_ACCESS_KEY_ID", kKeyId);
    env.set("AWS_SECRET_ACCESS_KEY", kSecret);
    auto client = world.open_vm(chain_config(world));
    auto listed = client->list_vms({});
    CHECK_MESSAGE(listed.ok(), listed.error().message);
}

TEST_CASE("shared credentials file, named profile, with a session token") {
    AwsWorld world;
    ScopedEnv env;
    isolate(env, world);
    auto file = world.fake().dir() / "credentials";
    std::ofstream(file) << "[default]\naws_access_key_id = AKIDWRONGWRONGWRONG1\n"
                           "aws_secret_access_key = nope\n\n[tidepool]\n"
                        << "aws_access_key_id = " << kRoleKeyId << "\naws_secret_access_key = "
                        << kRoleSecret << "\naws_session_token = " << kRoleToken << "\n";
    env.set("AWS_SHARED_CREDENTIALS_FILE", file.string());
    auto client = world.open_vm(chain_config(world, R"("profile": "tidepool")"));
    auto listed = client->list_vms({});
    CHECK_MESSAGE(listed.ok(), listed.error().message);

    env.set("AWS_PROFILE", "tidepool");  // the same through AWS_PROFILE
    auto via_env = world.open_vm(chain_config(world));
    CHECK(via_env->list_vms({}).ok());

    auto missing = world.open_vm(chain_config(world, R"("profile": "absent")"));
    auto refused = missing->list_vms({});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::invalid);
}

TEST_CASE("IMDSv2 instance role: token, role, keys fetched once and reused") {
    AwsWorld world;
    ScopedEnv env;
    isolate(env, world);
    auto client = world.open_vm(chain_config(world, "\"imds_endpoint\": \"" + world.fake().url() +
                                                        "\""));
    REQUIRE(client->list_vms({}).ok());
    REQUIRE(client->list_vms({}).ok());
    CHECK(world.fake().state()["imds_credential_fetches"].GetInt() == 1);
}

TEST_CASE("static keys without the session token the fake requires are denied") {
    AwsWorld world;
    world.expect_rejections();
    std::string config = chain_config(world, std::string(R"("access_key_id": ")") + kRoleKeyId +
                                                 R"(", "secret_access_key": ")" + kRoleSecret +
                                                 "\"");
    auto client = world.open_vm(config);
    auto refused = client->list_vms({});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::denied);
    auto with_token = world.open_vm(config.substr(0, config.size() - 1) +
                                    R"(, "session_token": ")" + kRoleToken + "\"}");
    CHECK(with_token->list_vms({}).ok());
}

TEST_CASE("no source at all is denied with a message listing the chain") {
    AwsWorld world;
    ScopedEnv env;
    isolate(env, world);
    auto client = world.open_vm(chain_config(world));
    auto refused = client->list_vms({});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::denied);
    CHECK(refused.error().message.find("AWS_ACCESS_KEY_ID") != std::string::npos);
}

}  // namespace
}  // namespace tidepool::test
