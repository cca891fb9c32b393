// The vSphere provider's config, read once when a client opens. The host has already checked
// the document against the schema in config_schema.h; this applies the defaults and the checks
// a schema cannot express (no scheme in the address, a guest account when scripts run).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tidepool::vsphere {

enum class OsFamily { linux, windows };

struct VsphereConfig {
    std::string vcenter;  // host name or address, no scheme
    int64_t port = 443;
    std::string username;
    std::string password;
    std::string template_path;  // "DC/vm/folder/name" or a bare VM/template name
    int64_t max_instances = 10;
    // Optional placement; empty means "the template's".
    std::string datacenter;
    std::string vm_folder;
    std::string datastore;
    std::string cluster;
    std::string resource_pool;
    std::string datastore_cluster;
    std::string guest_username;
    std::string guest_password;
    int64_t cpus = 0;       // 0: keep the template's
    double memory_gib = 0;  // 0: keep the template's
    OsFamily os_family = OsFamily::linux;
    bool verify_tls = true;
    std::string ca_file;  // PEM bundle trusted instead of the system store; empty: the system's

    // https://<vcenter>:<port>/sdk
    std::string sdk_url() const;
    int64_t memory_mib() const;

    // Throws sdk::ProviderError(TP_ERR_INVALID_CONFIG) naming the field at fault.
    static VsphereConfig parse(std::string_view json);
};

}  // namespace tidepool::vsphere
