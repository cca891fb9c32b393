// The AWS plugin's configs, read once when a client opens. The host has already validated the
// document against the schemas in schemas.cpp; these add the checks a schema cannot express
// (a PEM that parses, an override that fits the EC2 model) and apply the defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <tidepool/sdk/strings.hpp>

namespace tidepool::aws {

// Where requests go and who signs them; shared by the EC2 and Route 53 configs.
struct Connection {
    std::string region;
    std::string endpoint_url;  // "" = the region's public endpoint
    std::string ca_file;       // optional PEM bundle (tests, private CAs)
    // Static credentials; empty access key = the standard chain (env, file, IMDSv2).
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    std::string profile;        // shared credentials file profile; "" = AWS_PROFILE or default
    std::string imds_endpoint;  // "" = AWS_EC2_METADATA_SERVICE_ENDPOINT or 169.254.169.254
};

struct Ec2Config {
    Connection connection;
    std::string ami_id;
    std::string instance_type = "t3.medium";
    int64_t max_instances = 10;
    std::vector<std::string> security_group_ids;
    std::string subnet_id;
    int64_t root_volume_size_gb = 0;  // 0 = the AMI's default
    std::string root_volume_type;     // "" = the AMI's default
    std::string root_device_name = "/dev/xvda";
    std::string iam_instance_profile;  // a name, or an ARN ("arn:...")
    sdk::KeyValues custom_tags;
    std::string key_pair_name;
    bool retrieve_windows_password = false;
    std::string windows_key_pem;        // the key pair's RSA private key (secret)
    std::string instance_config_json;   // config_override.instance_config, "" when absent

    // Throws sdk::ProviderError(TP_ERR_INVALID_CONFIG) naming the field at fault.
    static Ec2Config parse(std::string_view json);
};

struct Route53Config {
    Connection connection;  // region defaults to us-east-1, Route 53's signing region
    std::string hosted_zone_id;
    int64_t poll_interval_ms = 2000;  // GetChange polling until INSYNC
    bool wait_for_insync = true;

    static Route53Config parse(std::string_view json);
};

// The public endpoint of service in region, in the region's partition (aws, aws-cn, aws-us-gov).
std::string default_endpoint(std::string_view service, std::string_view region);
// Route 53 is global per partition: its endpoint and the region requests are signed for.
std::string route53_endpoint(std::string_view region);
std::string route53_signing_region(std::string_view region);

}  // namespace tidepool::aws
