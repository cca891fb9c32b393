// tidepool-aws.so's VM lifecycle against the fake EC2: what goes on the wire and what comes back.
#include <doctest/doctest.h>

#include <tidepool/sdk/aws/codec.h>

#include "aws_world.h"

namespace tidepool::test {
namespace {

std::string member(const rapidjson::Value& v, const char* name) {
    return v.HasMember(name) && v[name].IsString() ? v[name].GetString() : "";
}

bool has_tag(const rapidjson::Value& tags, const std::string& key, const std::string& value) {
    for (const auto& t : tags.GetArray()) {
        if (member(t, "Key") == key && member(t, "Value") == value) return true;
    }
    return false;
}

TEST_CASE("create sends ClientToken, tags, user data and the config's launch settings") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config(
        R"("instance_type": "m5.large", "security_group_ids": ["sg-0a1b2c"],)"
        R"("subnet_id": "subnet-0abc", "key_pair_name": "ops", "root_volume_size_gb": 80,)"
        R"("root_volume_type": "gp3", "iam_instance_profile": "tidepool-agent",)"
        R"("custom_tags": {"team": "vdi"},)"
        R"("config_override": {"instance_config": {"Monitoring": {"Enabled": true}}})"));
    plugins::VmSpec spec = aws_spec("srv-1");
    auto vm = client->create_vm(spec);
    REQUIRE_MESSAGE(vm.ok(), vm.error().message);
    CHECK(vm->provider_id.rfind("i-", 0) == 0);
    CHECK(vm->state == TP_VM_STATE_PENDING);

    auto runs = world.fake().requests("RunInstances");
    REQUIRE(runs.size() == 1);
    const auto& p = runs[0];
    CHECK(member(p, "ClientToken") == "srv-1-key");
    CHECK(member(p, "InstanceType") == "m5.large");
    CHECK(member(p, "SubnetId") == "subnet-0abc");
    CHECK(member(p, "KeyName") == "ops");
    CHECK(std::string(p["SecurityGroupIds"][0].GetString()) == "sg-0a1b2c");
    CHECK(member(p["IamInstanceProfile"], "Name") == "tidepool-agent");
    CHECK(p["BlockDeviceMappings"][0]["Ebs"]["VolumeSize"].GetInt() == 80);
    CHECK(p["Monitoring"]["Enabled"].GetBool());
    CHECK(sdk::aws::base64_decode(member(p, "UserData")) == spec.startup_script);
    const auto& tag_specs = p["TagSpecifications"];
    REQUIRE(tag_specs.Size() == 2);
    for (const auto& ts : tag_specs.GetArray()) {
        CHECK(has_tag(ts["Tags"], "tidepool-config", "cfg-1"));
        CHECK(has_tag(ts["Tags"], "tidepool-machine", "srv-1"));
        CHECK(has_tag(ts["Tags"], "team", "vdi"));
        CHECK(has_tag(ts["Tags"], "Name", "srv-1"));
    }
}

TEST_CASE("a retried create with the same idempotency key returns the same instance") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config());
    auto first = client->create_vm(aws_spec("srv-1"));
    auto again = client->create_vm(aws_spec("srv-1"));
    REQUIRE(first.ok());
    REQUIRE(again.ok());
    CHECK(first->provider_id == again->provider_id);
    CHECK(world.fake().state()["instances"].Size() == 1);
}

TEST_CASE("get, list by tags across pages, and idempotent delete") {
    AwsWorld world;
    world.fake().configure(R"({"max_page": 2})");  // forces NextToken paging
    auto client = world.open_vm(world.ec2_config());
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto vm = client->create_vm(aws_spec("m" + std::to_string(i)));
        REQUIRE(vm.ok());
        ids.push_back(vm->provider_id);
    }
    REQUIRE(client->create_vm(aws_spec("other", "cfg-2")).ok());

    auto got = client->get_vm(ids[0]);
    REQUIRE(got.ok());
    CHECK(got->state == TP_VM_STATE_RUNNING);
    CHECK(got->name == "m0");
    CHECK_FALSE(got->private_ip.empty());

    auto listed = client->list_vms({{"tidepool-config", "cfg-1"}});
    REQUIRE(listed.ok());
    CHECK(listed->size() == 5);
    CHECK(world.fake().requests("DescribeInstances").size() >= 3 + 1);

    REQUIRE(client->delete_vm(ids[0]).ok());
    CHECK(client->delete_vm(ids[0]).ok());  // already terminating: still fine
    auto after = client->get_vm(ids[0]);
    REQUIRE(after.ok());
    CHECK((after->state == TP_VM_STATE_DELETING || after->state == TP_VM_STATE_GONE));
    CHECK(client->delete_vm("i-00000000000000fff").ok());  // never existed: success

    auto missing = client->get_vm("i-00000000000000fff");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::not_found);
}

TEST_CASE("max_instances answers capacity before calling RunInstances") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config(R"("max_instances": 2)"));
    REQUIRE(client->create_vm(aws_spec("a")).ok());
    REQUIRE(client->create_vm(aws_spec("b")).ok());
    auto third = client->create_vm(aws_spec("c"));
    REQUIRE_FALSE(third.ok());
    CHECK(third.error().code == ErrorCode::capacity);
    CHECK(world.fake().requests("RunInstances").size() == 2);
    // A retry of an earlier create still answers with its instance.
    CHECK(client->create_vm(aws_spec("b")).ok());
}

TEST_CASE("config_override members replace the config's own") {
    AwsWorld world;
    auto client = world.open_vm(world.ec2_config(
        R"("config_override": {"instance_config": {"InstanceType": "t3.small"}})"));
    REQUIRE(client->create_vm(aws_spec("srv-1")).ok());
    CHECK(member(world.fake().requests("RunInstances")[0], "InstanceType") == "t3.small");
    CHECK(world.fake().requests("CreateTags").empty());  // the tags arrived with the launch
}

TEST_CASE("an instance whose launch tags did not stick gets them through CreateTags") {
    AwsWorld world;
    world.fake().configure(R"({"drop_tags": true})");
    auto client = world.open_vm(world.ec2_config());
    REQUIRE(client->create_vm(aws_spec("srv-1")).ok());
    auto tagged = world.fake().requests("CreateTags");
    REQUIRE(tagged.size() == 1);
    CHECK(has_tag(tagged[0]["Tags"], "tidepool-machine", "srv-1"));
    auto listed = client->list_vms({{"tidepool-machine", "srv-1"}});
    REQUIRE(listed.ok());
    CHECK(listed->size() == 1);
}

}  // namespace
}  // namespace tidepool::test
