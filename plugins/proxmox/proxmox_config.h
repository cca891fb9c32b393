// The Proxmox provider's config, read once when a client opens. The host has already checked
// the document against the schema in config_schema.cpp; this adds the checks a schema cannot
// explain well (a scheme in the host, a realm other than @pam/@pve, a full token id where only
// the name belongs, storage without a full clone) and applies the defaults.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidepool::proxmox {

enum class OsType { linux, windows };

struct ProxmoxConfig {
    std::string host;        // "pve.example.com" or "pve.example.com:8443"; never a scheme
    std::string username;    // "tidepool@pve"
    std::string token_name;  // "autoscale" (not "tidepool@pve!autoscale")
    std::string token_value;
    bool verify_ssl = true;
    std::string ca_file;  // optional PEM bundle trusted instead of the system's
    int64_t vmid_lower = 0;
    int64_t vmid_upper = 0;
    bool full_clone = false;
    std::string template_name;
    std::string node;  // the node holding the template
    std::string resource_pool;
    std::string storage;      // only with full_clone
    std::string target_node;  // empty: the clone stays on `node`
    int64_t cores = 2;
    int64_t memory_mib = 4096;  // from memory_gib
    OsType os_type = OsType::linux;
    std::string startup_script_path;  // directory the script is written into
    int64_t max_instances = 10;
    int64_t poll_interval_ms = 2000;
    int64_t agent_timeout_ms = 600000;

    // Throws sdk::ProviderError(TP_ERR_INVALID_CONFIG) naming the field, the value and the fix.
    static ProxmoxConfig parse(std::string_view json);

    // "https://host/api2/json"
    std::string base_url() const;
    // "PVEAPIToken=USER@REALM!TOKENNAME=VALUE"
    std::string authorization() const;
    // The node a new clone lives on.
    const std::string& clone_node() const { return target_node.empty() ? node : target_node; }
};

// The JSON Schema (draft-04) of the config; token_value is marked "x-tidepool-secret".
extern const char* const kConfigSchema;

}  // namespace tidepool::proxmox
