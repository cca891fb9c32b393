#include "vsphere_config.h"

#include <cmath>

#include <tidepool/sdk/config.hpp>
#include <tidepool/sdk/error.hpp>

namespace tidepool::vsphere {

namespace {

using sdk::ProviderError;

ProviderError invalid(const std::string& field, const std::string& what) {
    return ProviderError(TP_ERR_INVALID_CONFIG, "config field " + field + " " + what, field);
}

// An address, not a URL: the plugin always speaks HTTPS to /sdk on the configured port.
std::string address(const sdk::ConfigReader& cfg) {
    std::string value = cfg.get_string("vcenter");
    if (value.empty()) throw invalid("/vcenter", "is empty; give the vCenter host name");
    if (value.find("://") != std::string::npos || value.find('/') != std::string::npos ||
        value.find(':') != std::string::npos) {
        throw invalid("/vcenter", "is '" + value +
                                      "'; give only the host name or IPv4 address (no scheme, "
                                      "path or port; the port has its own field)");
    }
    return value;
}

OsFamily read_os_family(const sdk::ConfigReader& cfg) {
    std::string value = cfg.get_string("os_family", std::string("linux"));
    if (value == "linux") return OsFamily::linux;
    if (value == "windows") return OsFamily::windows;
    throw invalid("/os_family", "is '" + value + "'; allowed: linux, windows");
}

double read_memory_gib(const sdk::ConfigReader& cfg) {
    double value = cfg.get_number("memory_gib", 0.0);
    // vSphere sizes memory in MiB and wants a multiple of 4.
    if (value < 0 || value > 24576 || std::fmod(value * 1024, 4) != 0) {
        throw invalid("/memory_gib", "is " + std::to_string(value) +
                                         "; give 0 (keep the template's) or a size in GiB "
                                         "that is a multiple of 4 MiB, at most 24576");
    }
    return value;
}

}  // namespace

std::string VsphereConfig::sdk_url() const {
    return "https://" + vcenter + ":" + std::to_string(port) + "/sdk";
}

int64_t VsphereConfig::memory_mib() const { return std::llround(memory_gib * 1024); }

VsphereConfig VsphereConfig::parse(std::string_view json) {
    auto cfg = sdk::ConfigReader::parse(json);
    VsphereConfig c;
    c.vcenter = address(cfg);
    c.port = cfg.get_int("port", 443, 1, 65535);
    c.username = cfg.get_string("username");
    c.password = cfg.get_string("password");
    c.template_path = cfg.get_string("template");
    if (c.template_path.empty()) throw invalid("/template", "is empty; name the VM template");
    c.max_instances = cfg.get_int("max_instances", 10, 0);
    c.datacenter = cfg.get_string("datacenter", std::string());
    c.vm_folder = cfg.get_string("vm_folder", std::string());
    c.datastore = cfg.get_string("datastore", std::string());
    c.cluster = cfg.get_string("cluster", std::string());
    c.resource_pool = cfg.get_string("resource_pool", std::string());
    c.datastore_cluster = cfg.get_string("datastore_cluster", std::string());
    if (!c.datastore.empty() && !c.datastore_cluster.empty()) {
        throw invalid("/datastore_cluster", "is set together with /datastore; give one of them");
    }
    c.guest_username = cfg.get_string("guest_username", std::string());
    c.guest_password = cfg.get_string("guest_password", std::string());
    c.cpus = cfg.get_int("cpus", 0, 0, 768);
    c.memory_gib = read_memory_gib(cfg);
    c.os_family = read_os_family(cfg);
    c.verify_tls = cfg.get_bool("verify_tls", true);
    c.ca_file = cfg.get_string("ca_file", std::string());
    return c;
}

}  // namespace tidepool::vsphere
