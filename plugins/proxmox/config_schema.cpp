// The provider config's JSON Schema (draft-04). Fields whose refusal needs a reason (host,
// username, token_name, the storage/full_clone pair) are re-checked with explanations in
// ProxmoxConfig::parse, so the schema keeps to types, ranges and enums.
#include "proxmox_config.h"

namespace tidepool::proxmox {

const char* const kConfigSchema = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool Proxmox VE provider",
  "description": "Clones VMs from a template over the Proxmox VE REST API with an API token",
  "type": "object",
  "required": ["host", "username", "token_name", "token_value", "vmid_lower", "vmid_upper",
               "template_name", "node"],
  "properties": {
    "host": {
      "type": "string", "minLength": 1,
      "description": "Any cluster node, no scheme (https is used); a port goes here: pve:8006"
    },
    "username": {
      "type": "string", "minLength": 3,
      "description": "The token's user with its realm, @pam or @pve: tidepool@pve"
    },
    "token_name": {
      "type": "string", "minLength": 1,
      "description": "Only the token's name (autoscale), not tidepool@pve!autoscale"
    },
    "token_value": {
      "type": "string", "minLength": 1, "x-tidepool-secret": true,
      "description": "The token's secret, shown once by Proxmox when the token is created"
    },
    "verify_ssl": {
      "type": "boolean", "default": true,
      "description": "Verify the server's TLS certificate; false accepts self-signed certificates"
    },
    "ca_file": {
      "type": "string", "minLength": 1,
      "description": "PEM file of the CA that signed the Proxmox certificate (private CAs)"
    },
    "vmid_lower": {
      "type": "integer", "minimum": 100, "maximum": 999999999,
      "description": "Lowest VMID this config may give a new VM"
    },
    "vmid_upper": {
      "type": "integer", "minimum": 100, "maximum": 999999999,
      "description": "Highest VMID this config may give a new VM (inclusive)"
    },
    "full_clone": {
      "type": "boolean", "default": false,
      "description": "true: full clone (independent disks); false: linked clone of the template"
    },
    "template_name": {
      "type": "string", "minLength": 1,
      "description": "Name of the VM template to clone"
    },
    "node": {
      "type": "string", "minLength": 1,
      "description": "Cluster node that holds the template"
    },
    "resource_pool": {
      "type": "string", "minLength": 1,
      "description": "Resource pool new VMs join (optional)"
    },
    "storage": {
      "type": "string", "minLength": 1,
      "description": "Storage for the new VMs' disks (optional; needs full_clone)"
    },
    "target_node": {
      "type": "string", "minLength": 1,
      "description": "Node new VMs are placed on (optional; default: the template's node)"
    },
    "cores": {
      "type": "integer", "minimum": 1, "maximum": 8192, "default": 2,
      "description": "CPU cores of each new VM"
    },
    "memory_gib": {
      "type": "number", "minimum": 0.015625, "maximum": 65536, "default": 4,
      "description": "Memory of each new VM in GiB"
    },
    "os_type": {
      "type": "string", "enum": ["linux", "windows"], "default": "linux",
      "description": "The template's OS: scripts run with bash (linux) or PowerShell"
    },
    "startup_script_path": {
      "type": "string", "minLength": 1,
      "description": "Existing guest directory for the script (/tmp, C:\\Windows\\Temp)"
    },
    "max_instances": {
      "type": "integer", "minimum": 0, "default": 10,
      "description": "Most VMs this config may own; creates past it fail with a capacity error"
    },
    "poll_interval_ms": {
      "type": "integer", "minimum": 10, "maximum": 60000, "default": 2000,
      "description": "How often tasks, the guest agent and the startup script are polled"
    },
    "agent_timeout_s": {
      "type": "integer", "minimum": 1, "maximum": 86400, "default": 600,
      "description": "How long a started VM may take until its QEMU guest agent answers"
    }
  },
  "additionalProperties": false
})json";

}  // namespace tidepool::proxmox
