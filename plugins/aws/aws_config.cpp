#include "aws_config.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <tidepool/sdk/config.hpp>

#include "windows_password.h"

namespace tidepool::aws {

namespace {

using sdk::ConfigReader;
using sdk::ProviderError;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

Connection read_connection(const ConfigReader& cfg, std::string default_region) {
    Connection c;
    c.region = cfg.get_string("region", std::move(default_region));
    if (c.region.empty()) {
        throw ProviderError(TP_ERR_INVALID_CONFIG, "config field /region must not be empty",
                            "/region");
    }
    c.endpoint_url = cfg.get_string("endpoint_url", "");
    c.ca_file = cfg.get_string("ca_file", "");
    c.access_key_id = cfg.get_string("access_key_id", "");
    c.secret_access_key = cfg.get_string("secret_access_key", "");
    c.session_token = cfg.get_string("session_token", "");
    c.profile = cfg.get_string("profile", "");
    c.imds_endpoint = cfg.get_string("imds_endpoint", "");
    if (c.access_key_id.empty() != c.secret_access_key.empty()) {
        std::string missing = c.access_key_id.empty() ? "/access_key_id" : "/secret_access_key";
        throw ProviderError(TP_ERR_INVALID_CONFIG,
                            "config field " + missing +
                                " is required when the other static key is set (give both, or "
                                "neither to use the standard credential chain)",
                            missing);
    }
    return c;
}

std::string compact(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return buffer.GetString();
}

sdk::KeyValues read_tags(const ConfigReader& cfg) {
    sdk::KeyValues tags;
    const rapidjson::Value* v = cfg.find("custom_tags");
    if (!v) return tags;
    if (!v->IsObject()) throw ProviderError(TP_ERR_INVALID_CONFIG,
                                            "config field /custom_tags must be an object",
                                            "/custom_tags");
    for (const auto& m : v->GetObject()) {
        std::string key(m.name.GetString(), m.name.GetStringLength());
        if (!m.value.IsString() || starts_with(key, "aws:") || starts_with(key, "tidepool")) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                "config field " + cfg.pointer("custom_tags") + "/" + key +
                                    " must be a string tag value, and keys may not start with "
                                    "\"aws:\" or \"tidepool\" (reserved)",
                                cfg.pointer("custom_tags") + "/" + key);
        }
        tags.emplace_back(key, m.value.GetString());
    }
    return tags;
}

}  // namespace

Ec2Config Ec2Config::parse(std::string_view json) {
    ConfigReader cfg = ConfigReader::parse(json);
    Ec2Config c;
    c.connection = read_connection(cfg, "");
    c.ami_id = cfg.get_string("ami_id");
    c.instance_type = cfg.get_string("instance_type", c.instance_type);
    c.max_instances = cfg.get_int("max_instances", c.max_instances, 0);
    c.security_group_ids = cfg.get_string_list("security_group_ids");
    c.subnet_id = cfg.get_string("subnet_id", "");
    c.root_volume_size_gb = cfg.get_int("root_volume_size_gb", 0, 0, 65536);
    c.root_volume_type = cfg.get_string("root_volume_type", "");
    c.root_device_name = cfg.get_string("root_device_name", c.root_device_name);
    c.iam_instance_profile = cfg.get_string("iam_instance_profile", "");
    c.custom_tags = read_tags(cfg);
    c.key_pair_name = cfg.get_string("key_pair_name", "");
    c.retrieve_windows_password = cfg.get_bool("retrieve_windows_password", false);
    c.windows_key_pem = cfg.get_string("windows_key_pem", "");
    if (c.retrieve_windows_password) {
        if (c.windows_key_pem.empty()) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                "config field /windows_key_pem is required when "
                                "retrieve_windows_password is true (the key pair's RSA private "
                                "key, PEM)",
                                "/windows_key_pem");
        }
        check_private_key(c.windows_key_pem);  // names /windows_key_pem, never echoes it
    }
    ConfigReader override_cfg = cfg.object("config_override");
    if (const rapidjson::Value* instance = override_cfg.find("instance_config")) {
        if (!instance->IsObject()) {
            throw ProviderError(TP_ERR_INVALID_CONFIG,
                                "config field /config_override/instance_config must be an object "
                                "of RunInstances members",
                                "/config_override/instance_config");
        }
        c.instance_config_json = compact(*instance);
    }
    return c;
}

Route53Config Route53Config::parse(std::string_view json) {
    ConfigReader cfg = ConfigReader::parse(json);
    Route53Config c;
    c.connection = read_connection(cfg, "us-east-1");
    c.hosted_zone_id = cfg.get_string("hosted_zone_id");
    // Accept "/hostedzone/Z123" as AWS prints it, send "Z123".
    if (starts_with(c.hosted_zone_id, "/hostedzone/")) c.hosted_zone_id.erase(0, 12);
    c.poll_interval_ms = cfg.get_int("poll_interval_ms", c.poll_interval_ms, 1, 60000);
    c.wait_for_insync = cfg.get_bool("wait_for_insync", true);
    return c;
}

std::string default_endpoint(std::string_view service, std::string_view region) {
    std::string suffix = starts_with(region, "cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
    return "https://" + std::string(service) + "." + std::string(region) + suffix;
}

std::string route53_endpoint(std::string_view region) {
    if (starts_with(region, "cn-")) return "https://route53.amazonaws.com.cn";
    if (starts_with(region, "us-gov-")) return "https://route53.us-gov.amazonaws.com";
    return "https://route53.amazonaws.com";
}

std::string route53_signing_region(std::string_view region) {
    if (starts_with(region, "cn-")) return "cn-northwest-1";
    if (starts_with(region, "us-gov-")) return "us-gov-west-1";
    return "us-east-1";
}

}  // namespace tidepool::aws
