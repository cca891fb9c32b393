#include "proxmox_config.h"

#include <cmath>
#include <regex>
#include <tidepool/sdk/config.hpp>
#include <tidepool/sdk/error.hpp>

namespace tidepool::proxmox {

namespace {

using sdk::ConfigReader;
using sdk::ProviderError;

ProviderError invalid(const std::string& field, const std::string& what) {
    return ProviderError(TP_ERR_INVALID_CONFIG, "config field " + field + " " + what, field);
}

bool matches(const std::string& value, const char* pattern) {
    return std::regex_match(value, std::regex(pattern));
}

// Host names, IPv4 and bracketed IPv6 literals, each with an optional port.
void check_host(const ConfigReader& r, const std::string& host) {
    const std::string field = r.pointer("host");
    if (host.find("://") != std::string::npos) {
        throw invalid(field, "is \"" + host + "\": give the address without a scheme (https is " +
                                 "always used), e.g. \"pve.example.com:8006\"");
    }
    constexpr const char* kHostPort =
        R"(^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$)";
    if (!matches(host, kHostPort)) {
        throw invalid(field, "is \"" + host + "\": expected a host name or address with an " +
                                 "optional port and no path, e.g. \"pve.example.com:8006\"");
    }
    // The pattern allows one colon outside brackets: the one before the port.
    size_t bracket = host.rfind(']');
    size_t colon = host.find(':', bracket == std::string::npos ? 0 : bracket);
    if (colon != std::string::npos) {
        long port = std::stol(host.substr(colon + 1));
        if (port < 1 || port > 65535) {
            throw invalid(field, "has port " + std::to_string(port) + ", allowed 1 to 65535");
        }
    }
}

void check_username(const ConfigReader& r, const std::string& username) {
    const std::string field = r.pointer("username");
    size_t at = username.rfind('@');
    if (at == std::string::npos || at == 0) {
        throw invalid(field, "is \"" + username + "\": it must end in its realm, e.g. " +
                                 "\"tidepool@pve\" or \"tidepool@pam\"");
    }
    std::string realm = username.substr(at + 1);
    if (realm != "pam" && realm != "pve") {
        throw invalid(field, "has realm @" + realm + ": only @pam (Linux PAM users) and @pve " +
                                 "(Proxmox VE users) are supported; create the user in one " +
                                 "of those realms");
    }
    if (username.find('!') != std::string::npos) {
        throw invalid(field, "is \"" + username + "\": the user name carries no token; put the " +
                                 "token's name in /token_name");
    }
}

void check_token_name(const ConfigReader& r, const std::string& name) {
    const std::string field = r.pointer("token_name");
    if (name.find('!') != std::string::npos || name.find('@') != std::string::npos) {
        size_t bang = name.rfind('!');
        std::string bare = bang == std::string::npos ? name : name.substr(bang + 1);
        throw invalid(field, "is \"" + name + "\": give only the token's name (\"" + bare +
                                 "\"), not the full token id user@realm!name");
    }
    if (!matches(name, R"(^[A-Za-z][A-Za-z0-9._-]+$)")) {
        throw invalid(field, "is \"" + name + "\": a token name starts with a letter and " +
                                 "holds letters, digits, '.', '_' and '-'");
    }
}

// Proxmox node names, resource pool ids and storage ids, as the API formats define them.
void check_id(const ConfigReader& r, const char* name, const std::string& value,
              const char* pattern, const char* what) {
    if (!value.empty() && !matches(value, pattern)) {
        throw invalid(r.pointer(name), "is \"" + value + "\": not a valid " + what);
    }
}

void check_script_path(const ConfigReader& r, const std::string& path, OsType os) {
    bool absolute =
        os == OsType::linux ? path.starts_with("/") : matches(path, R"(^[A-Za-z]:[\\/].*$)");
    if (!absolute) {
        throw invalid(r.pointer("startup_script_path"),
                      "is \"" + path + "\": give an absolute directory in the guest, e.g. " +
                          (os == OsType::linux ? "\"/tmp\"" : "\"C:\\\\Windows\\\\Temp\""));
    }
}

void read_range(const ConfigReader& r, ProxmoxConfig& c) {
    constexpr int64_t kMinVmid = 100, kMaxVmid = 999999999;
    c.vmid_lower = r.get_int("vmid_lower", std::nullopt, kMinVmid, kMaxVmid);
    c.vmid_upper = r.get_int("vmid_upper", std::nullopt, kMinVmid, kMaxVmid);
    if (c.vmid_lower > c.vmid_upper) {
        throw invalid(r.pointer("vmid_upper"),
                      "is " + std::to_string(c.vmid_upper) + ", below /vmid_lower (" +
                          std::to_string(c.vmid_lower) + "); the range is lower..upper inclusive");
    }
}

void read_clone(const ConfigReader& r, ProxmoxConfig& c) {
    c.full_clone = r.get_bool("full_clone", false);
    c.template_name = r.get_string("template_name");
    c.node = r.get_string("node");
    c.resource_pool = r.get_string("resource_pool", "");
    c.storage = r.get_string("storage", "");
    c.target_node = r.get_string("target_node", "");
    check_id(r, "node", c.node, R"(^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$)", "node name");
    check_id(r, "target_node", c.target_node, R"(^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$)",
             "node name");
    check_id(r, "resource_pool", c.resource_pool, R"(^[A-Za-z0-9_-]+$)", "resource pool id");
    check_id(r, "storage", c.storage, R"(^[a-z][a-z0-9_.-]*[a-z0-9]$)", "storage id");
    if (!c.storage.empty() && !c.full_clone) {
        throw invalid(r.pointer("storage"),
                      "is \"" + c.storage + "\" but /full_clone is false: a linked clone " +
                          "stays on the template's storage; set /full_clone to true or " +
                          "remove /storage");
    }
}

void read_guest(const ConfigReader& r, ProxmoxConfig& c) {
    c.cores = r.get_int("cores", 2, 1, 8192);
    double gib = r.get_number("memory_gib", 4.0);
    if (!(gib >= 1.0 / 64) || gib > 65536) {
        throw invalid(r.pointer("memory_gib"),
                      "is " + std::to_string(gib) + ", allowed 0.015625 (16 MiB) to 65536");
    }
    c.memory_mib = static_cast<int64_t>(std::llround(gib * 1024));
    std::string os = r.get_string("os_type", "linux");
    if (os != "linux" && os != "windows") {
        throw invalid(r.pointer("os_type"), "is \"" + os + "\", allowed \"linux\" or \"windows\"");
    }
    c.os_type = os == "linux" ? OsType::linux : OsType::windows;
    c.startup_script_path = r.get_string("startup_script_path",
                                         c.os_type == OsType::linux ? "/tmp" : "C:\\Windows\\Temp");
    check_script_path(r, c.startup_script_path, c.os_type);
}

}  // namespace

ProxmoxConfig ProxmoxConfig::parse(std::string_view json) {
    ConfigReader r = ConfigReader::parse(json);
    ProxmoxConfig c;
    c.host = r.get_string("host");
    check_host(r, c.host);
    c.username = r.get_string("username");
    check_username(r, c.username);
    c.token_name = r.get_string("token_name");
    check_token_name(r, c.token_name);
    c.token_value = r.get_string("token_value");
    if (c.token_value.empty()) throw invalid(r.pointer("token_value"), "must not be empty");
    c.verify_ssl = r.get_bool("verify_ssl", true);
    c.ca_file = r.get_string("ca_file", "");
    read_range(r, c);
    read_clone(r, c);
    read_guest(r, c);
    c.max_instances = r.get_int("max_instances", 10, 0);
    c.poll_interval_ms = r.get_int("poll_interval_ms", 2000, 10, 60000);
    c.agent_timeout_ms = r.get_int("agent_timeout_s", 600, 1, 86400) * 1000;
    return c;
}

std::string ProxmoxConfig::base_url() const { return "https://" + host + "/api2/json"; }

std::string ProxmoxConfig::authorization() const {
    return "PVEAPIToken=" + username + "!" + token_name + "=" + token_value;
}

}  // namespace tidepool::proxmox
