// Every member has a description (tidepool shows them in `tidepool plugin list` and the docs);
// secrets carry "x-tidepool-secret" so the core seals them at rest and redacts them. The
// connection members (endpoint_url ... imds_endpoint) are the same in both schemas.
#include "schemas.h"

namespace tidepool::aws {

extern const char kEc2Schema[] = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool AWS EC2 provider",
  "description": "EC2 instances launched with RunInstances, tagged for reconciliation",
  "type": "object",
  "required": ["region", "ami_id"],
  "properties": {
    "region": {
      "type": "string", "pattern": "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
      "description": "AWS region, e.g. us-east-1; cn-* and us-gov-* select the China and GovCloud partitions"
    },
    "ami_id": {
      "type": "string", "pattern": "^ami-[0-9a-f]{8,17}$",
      "description": "Image every instance boots from"
    },
    "instance_type": {
      "type": "string", "minLength": 1, "default": "t3.medium",
      "description": "EC2 instance type"
    },
    "max_instances": {
      "type": "integer", "minimum": 0, "default": 10,
      "description": "Most live instances this config may own; creates past it fail with capacity"
    },
    "security_group_ids": {
      "type": "array", "items": {"type": "string", "pattern": "^sg-[0-9a-f]+$"},
      "description": "Security groups for the instances' network interface"
    },
    "subnet_id": {
      "type": "string", "pattern": "^subnet-[0-9a-f]+$",
      "description": "Subnet to launch into; default: the default VPC's default subnet"
    },
    "root_volume_size_gb": {
      "type": "integer", "minimum": 1, "maximum": 65536,
      "description": "EBS root volume size in GiB; default: the AMI's"
    },
    "root_volume_type": {
      "type": "string", "enum": ["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"],
      "description": "EBS root volume type; default: the AMI's"
    },
    "root_device_name": {
      "type": "string", "default": "/dev/xvda",
      "description": "The AMI's root device name (Windows and Ubuntu AMIs use /dev/sda1)"
    },
    "iam_instance_profile": {
      "type": "string", "minLength": 1,
      "description": "IAM instance profile name, or its ARN (arn:...)"
    },
    "custom_tags": {
      "type": "object", "additionalProperties": {"type": "string"},
      "description": "Extra tags on every instance and volume; keys may not start with aws: or tidepool"
    },
    "key_pair_name": {
      "type": "string", "minLength": 1,
      "description": "EC2 key pair for SSH (Linux) or Windows password encryption"
    },
    "retrieve_windows_password": {
      "type": "boolean", "default": false,
      "description": "Fetch and decrypt the Administrator password (GetPasswordData) when the autoscale config's connection password is blank; needs windows_key_pem"
    },
    "windows_key_pem": {
      "type": "string", "x-tidepool-secret": true,
      "description": "RSA private key (PEM) of key_pair_name, used only to decrypt Windows passwords"
    },
    "config_override": {
      "type": "object",
      "description": "Raw API overrides",
      "properties": {
        "instance_config": {
          "type": "object",
          "description": "RunInstances members (EC2 API names, e.g. {\"InstanceMarketOptions\": {\"MarketType\": \"spot\"}}) merged into every request; checked against the EC2 model"
        }
      },
      "additionalProperties": false
    },
    "endpoint_url": {
      "type": "string", "pattern": "^https?://[^/]+",
      "description": "Override the API endpoint (tests, VPC endpoints, or a partition this plugin does not derive: GovCloud and China endpoints are derived from the region already)"
    },
    "ca_file": {
      "type": "string",
      "description": "PEM bundle to trust instead of the system's, for endpoint_url behind a private CA"
    },
    "access_key_id": {
      "type": "string", "minLength": 16, "maxLength": 128,
      "description": "Static access key id; leave out to use the standard chain (environment, shared credentials file, EC2 instance role)"
    },
    "secret_access_key": {
      "type": "string", "minLength": 1, "x-tidepool-secret": true,
      "description": "Secret access key for access_key_id"
    },
    "session_token": {
      "type": "string", "minLength": 1, "x-tidepool-secret": true,
      "description": "Session token for temporary static keys"
    },
    "profile": {
      "type": "string", "minLength": 1,
      "description": "Profile of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials); default AWS_PROFILE, else default"
    },
    "imds_endpoint": {
      "type": "string", "pattern": "^https?://",
      "description": "Instance metadata endpoint for instance-role credentials (default AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254)"
    }
  },
  "additionalProperties": false
})json";

extern const char kRoute53Schema[] = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool AWS Route 53 DNS provider",
  "description": "A records in one Route 53 hosted zone",
  "type": "object",
  "required": ["hosted_zone_id"],
  "properties": {
    "hosted_zone_id": {
      "type": "string", "pattern": "^(/hostedzone/)?[A-Z0-9]{1,32}$",
      "description": "Hosted zone holding the agents' records (Z...)"
    },
    "region": {
      "type": "string", "default": "us-east-1",
      "description": "Any region of the partition: Route 53 is global per partition (cn-* and us-gov-* select China and GovCloud)"
    },
    "wait_for_insync": {
      "type": "boolean", "default": true,
      "description": "Poll GetChange after each change until Route 53 reports INSYNC"
    },
    "poll_interval_ms": {
      "type": "integer", "minimum": 1, "maximum": 60000, "default": 2000,
      "description": "Delay between GetChange polls"
    },
    "endpoint_url": {
      "type": "string", "pattern": "^https?://[^/]+",
      "description": "Override the API endpoint (tests, VPC endpoints, or a partition this plugin does not derive: GovCloud and China endpoints are derived from the region already)"
    },
    "ca_file": {
      "type": "string",
      "description": "PEM bundle to trust instead of the system's, for endpoint_url behind a private CA"
    },
    "access_key_id": {
      "type": "string", "minLength": 16, "maxLength": 128,
      "description": "Static access key id; leave out to use the standard chain (environment, shared credentials file, EC2 instance role)"
    },
    "secret_access_key": {
      "type": "string", "minLength": 1, "x-tidepool-secret": true,
      "description": "Secret access key for access_key_id"
    },
    "session_token": {
      "type": "string", "minLength": 1, "x-tidepool-secret": true,
      "description": "Session token for temporary static keys"
    },
    "profile": {
      "type": "string", "minLength": 1,
      "description": "Profile of the shared credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials); default AWS_PROFILE, else default"
    },
    "imds_endpoint": {
      "type": "string", "pattern": "^https?://",
      "description": "Instance metadata endpoint for instance-role credentials (default AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254)"
    }
  },
  "additionalProperties": false
})json";

}  // namespace tidepool::aws
