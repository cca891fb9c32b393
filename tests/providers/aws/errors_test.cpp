// AWS errors -> ABI classes through the whole stack (fake error body -> plugin -> host Error),
// and configs refused before anything is sent.
#include <doctest/doctest.h>

#include "aws_world.h"

namespace tidepool::test {
namespace {

struct Injected {
    const char* code;
    int status;
    ErrorCode expected;
};

TEST_CASE("injected EC2 errors reach the host in their ABI class, with provider code and hint") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config());
    const Injected rows[] = {
        {"RequestLimitExceeded", 503, ErrorCode::unavailable},
        {"InsufficientInstanceCapacity", 500, ErrorCode::capacity},
        {"InstanceLimitExceeded", 400, ErrorCode::capacity},
        {"VcpuLimitExceeded", 400, ErrorCode::capacity},
        {"AuthFailure", 401, ErrorCode::denied},
        {"UnauthorizedOperation", 403, ErrorCode::denied},
        {"InvalidParameterValue", 400, ErrorCode::invalid},
        {"InternalError", 500, ErrorCode::unavailable},
    };
    int n = 0;
    for (const Injected& row : rows) {
        CAPTURE(row.code);
        world.fake().inject(std::string(R"({"operation": "RunInstances", "code": ")") + row.code +
                            R"(", "status": )" + std::to_string(row.status) + "}");
        plugins::CallReport report;
        plugins::CallOptions options;
        options.report = &report;
        auto vm = client->create_vm(aws_spec("e" + std::to_string(n++)), options);
        REQUIRE_FALSE(vm.ok());
        CHECK(vm.error().code == row.expected);
        CHECK(report.provider_code == row.code);
    }
}

TEST_CASE("throttling carries the Retry-After hint; the next call goes through") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config());
    world.fake().inject(R"({"operation": "DescribeInstances", "code": "RequestLimitExceeded",)"
                        R"( "status": 503, "retry_after": 3})");
    plugins::CallReport report;
    plugins::CallOptions options;
    options.report = &report;
    auto listed = client->list_vms({{"tidepool-config", "cfg-1"}}, options);
    REQUIRE_FALSE(listed.ok());
    CHECK(report.retry_after_ms == 3000);
    CHECK(client->list_vms({{"tidepool-config", "cfg-1"}}).ok());
}

TEST_CASE("an unknown AMI is an invalid config naming /ami_id") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config());
    world.fake().inject(R"({"operation": "RunInstances", "code": "InvalidAMIID.NotFound",)"
                        R"( "status": 400, "message": "The image id does not exist"})");
    auto vm = client->create_vm(aws_spec("a"));
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::invalid);
    CHECK(vm.error().message.find("/ami_id") != std::string::npos);
}

TEST_CASE("a wrong secret key is refused by the fake's signature check: denied") {
    AwsWorld world;
    world.expect_rejections();
    std::string config = world.ec2_config();
    config.replace(config.find(kSecret), std::string(kSecret).size(), "not-the-secret");
    auto client = world.open_vm(config);
    auto listed = client->list_vms({});
    REQUIRE_FALSE(listed.ok());
    CHECK(listed.error().code == ErrorCode::denied);
    CHECK(listed.error().message.find("not-the-secret") == std::string::npos);
}

TEST_CASE("configs that cannot work are refused at open, naming the field") {
    AwsWorld world;
    struct Row {
        std::string extra;
        std::string field;
    };
    const Row rows[] = {
        {R"("config_override": {"instance_config": {"Bogus": 1}})",
         "/config_override/instance_config/Bogus"},
        {R"("config_override": {"instance_config": {"Monitoring": {"Enabled": "yes"}}})",
         "/config_override/instance_config/Monitoring/Enabled"},
        {R"("config_override": {"instance_config": {"ClientToken": "x"}})",
         "/config_override/instance_config/ClientToken"},
        {R"("retrieve_windows_password": true)", "/windows_key_pem"},
        {R"("retrieve_windows_password": true, "windows_key_pem": "-----BEGIN NOPE-----")",
         "/windows_key_pem"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.extra);
        auto client = world.registry().open_vm(kAwsId, world.ec2_config(row.extra));
        REQUIRE_FALSE(client.ok());
        CHECK(client.error().code == ErrorCode::invalid);
        CHECK((client.error().field == row.field ||
               client.error().message.find(row.field) != std::string::npos));
    }
    CHECK(world.fake().requests("RunInstances").empty());
}

TEST_CASE("a startup script over 16 KiB is refused with a message naming the limit") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config());
    plugins::VmSpec spec = aws_spec("big");
    spec.startup_script.assign(16 * 1024 + 1, '#');
    auto vm = client->create_vm(spec);
    REQUIRE_FALSE(vm.ok());
    CHECK(vm.error().code == ErrorCode::invalid);
    CHECK(vm.error().message.find("/startup_script") != std::string::npos);
    CHECK(vm.error().message.find("16384") != std::string::npos);
    CHECK(world.fake().requests("RunInstances").empty());
}

}  // namespace
}  // namespace tidepool::test
