// The vSphere provider's config schema (JSON Schema draft-04), checked by the host before open.
#pragma once

namespace tidepool::vsphere {

inline constexpr const char* kConfigSchema = R"json({
  "$schema": "http://json-schema.org/draft-04/schema#",
  "title": "Tidepool VMware vSphere provider",
  "description": "Clones VMs from a template through vCenter's vim25 SOAP API and runs the startup script in the guest through VMware Tools",
  "type": "object",
  "properties": {
    "vcenter": {
      "type": "string", "minLength": 1,
      "description": "vCenter host name or IPv4 address, without scheme, path or port; the plugin always speaks HTTPS to /sdk"
    },
    "port": {
      "type": "integer", "minimum": 1, "maximum": 65535, "default": 443,
      "description": "vCenter HTTPS port"
    },
    "username": {
      "type": "string", "minLength": 1,
      "description": "vCenter account that clones, powers and deletes VMs (e.g. tidepool@vsphere.local)"
    },
    "password": {
      "type": "string", "x-tidepool-secret": true,
      "description": "Password of the vCenter account"
    },
    "template": {
      "type": "string", "minLength": 1,
      "description": "VM template to clone: an inventory path (Datacenter/vm/folder/name) or a name that is unique in vCenter"
    },
    "max_instances": {
      "type": "integer", "minimum": 0, "default": 10,
      "description": "Most VMs this config may own; creates past it fail with a capacity error"
    },
    "datacenter": {
      "type": "string",
      "description": "Datacenter for the clones and for resolving the names below; empty: the template's"
    },
    "vm_folder": {
      "type": "string",
      "description": "VM folder for the clones, as a path under the datacenter's VM folder (e.g. pools/linux); empty: the template's folder"
    },
    "datastore": {
      "type": "string",
      "description": "Datastore for the clones' disks; empty: the template's (exclusive with datastore_cluster)"
    },
    "cluster": {
      "type": "string",
      "description": "Cluster whose root resource pool receives the clones; empty: the template's"
    },
    "resource_pool": {
      "type": "string",
      "description": "Resource pool for the clones, as a path under the cluster's Resources (e.g. autoscale or vdi/autoscale); empty: the template's"
    },
    "datastore_cluster": {
      "type": "string",
      "description": "Datastore cluster (storage pod); the clone goes to its member with the most free space; empty: the template's datastore"
    },
    "guest_username": {
      "type": "string",
      "description": "Guest OS account that runs the startup script through VMware Tools; empty: startup scripts are not run (the template must start its agent itself) and each create logs a warning"
    },
    "guest_password": {
      "type": "string", "x-tidepool-secret": true,
      "description": "Password of the guest account"
    },
    "cpus": {
      "type": "integer", "minimum": 0, "maximum": 768, "default": 0,
      "description": "Virtual CPUs of each clone, applied after cloning; 0 keeps the template's"
    },
    "memory_gib": {
      "type": "number", "minimum": 0, "maximum": 24576, "default": 0,
      "description": "Memory of each clone in GiB (a multiple of 4 MiB), applied after cloning; 0 keeps the template's"
    },
    "os_family": {
      "type": "string", "enum": ["linux", "windows"], "default": "linux",
      "description": "Guest OS of the template: the startup script runs with bash on linux and PowerShell on windows"
    },
    "verify_tls": {
      "type": "boolean", "default": true,
      "description": "Verify vCenter's (and the ESXi hosts') TLS certificates; turn off only for self-signed lab setups"
    },
    "ca_file": {
      "type": "string",
      "description": "PEM file of the CA that signed vCenter's and the ESXi hosts' certificates (e.g. the VMCA root), trusted instead of the system store; keeps verify_tls on with a private CA"
    }
  },
  "required": ["vcenter", "username", "password", "template"],
  "additionalProperties": false
})json";

}  // namespace tidepool::vsphere
