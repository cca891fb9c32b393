// ProxmoxConfig::parse: the defaults, and one refusal per rule, each naming its field.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <tidepool/sdk/error.hpp>

#include "proxmox_config.h"

namespace {

using tidepool::proxmox::OsType;
using tidepool::proxmox::ProxmoxConfig;
using Members = std::map<std::string, std::string>;  // member -> raw JSON value

const Members kValid = {{"host", R"("pve.example.com:8006")"},
                        {"username", R"("tidepool@pve")"},
                        {"token_name", R"("autoscale")"},
                        {"token_value", R"("0f1e2d3c-secret")"},
                        {"vmid_lower", "1000"},
                        {"vmid_upper", "1099"},
                        {"template_name", R"("ubuntu-template")"},
                        {"node", R"("pve1")"}};

std::string json_of(Members members, const Members& changes = {},
                    std::initializer_list<const char*> removed = {}) {
    for (const auto& [k, v] : changes) members[k] = v;
    for (const char* k : removed) members.erase(k);
    std::string out = "{";
    for (const auto& [k, v] : members) out += (out.size() > 1 ? "," : "") + ("\"" + k + "\":" + v);
    return out + "}";
}

// Parses, expecting a refusal; returns it.
tidepool::sdk::ProviderError refusal(const Members& changes,
                                     std::initializer_list<const char*> removed = {}) {
    try {
        ProxmoxConfig::parse(json_of(kValid, changes, removed));
    } catch (const tidepool::sdk::ProviderError& e) {
        CHECK(e.status() == TP_ERR_INVALID_CONFIG);
        return e;
    }
    FAIL("accepted: " << json_of(kValid, changes, removed));
    return tidepool::sdk::ProviderError(TP_OK, "");
}

bool mentions(const tidepool::sdk::ProviderError& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("a minimal config gets the documented defaults") {
    ProxmoxConfig c = ProxmoxConfig::parse(json_of(kValid));
    CHECK(c.verify_ssl);
    CHECK_FALSE(c.full_clone);
    CHECK(c.cores == 2);
    CHECK(c.memory_mib == 4096);
    CHECK(c.os_type == OsType::linux);
    CHECK(c.startup_script_path == "/tmp");
    CHECK(c.max_instances == 10);
    CHECK(c.clone_node() == "pve1");
    CHECK(c.base_url() == "https://pve.example.com:8006/api2/json");
    CHECK(c.authorization() == "PVEAPIToken=tidepool@pve!autoscale=0f1e2d3c-secret");
}

TEST_CASE("windows defaults its script directory; memory converts GiB to MiB") {
    ProxmoxConfig c = ProxmoxConfig::parse(json_of(
        kValid,
        {{"os_type", R"("windows")"}, {"memory_gib", "1.5"}, {"target_node", R"("pve2")"}}));
    CHECK(c.startup_script_path == "C:\\Windows\\Temp");
    CHECK(c.memory_mib == 1536);
    CHECK(c.clone_node() == "pve2");
}

TEST_CASE("host: no scheme, no path, a valid port") {
    auto e = refusal({{"host", R"("https://pve.example.com")"}});
    CHECK(e.field() == "/host");
    CHECK(mentions(e, "without a scheme"));
    CHECK(refusal({{"host", R"("pve.example.com/api2")"}}).field() == "/host");
    CHECK(mentions(refusal({{"host", R"("pve:70000")"}}), "port 70000"));
    CHECK(ProxmoxConfig::parse(json_of(kValid, {{"host", R"("[fd00::1]:8006")"}})).host ==
          "[fd00::1]:8006");
}

TEST_CASE("username: a realm is required and only @pam and @pve are accepted") {
    auto no_realm = refusal({{"username", R"("tidepool")"}});
    CHECK(no_realm.field() == "/username");
    CHECK(mentions(no_realm, "must end in its realm"));
    auto ldap = refusal({{"username", R"("tidepool@corp-ldap")"}});
    CHECK(ldap.field() == "/username");
    CHECK(mentions(ldap, "realm @corp-ldap"));
    CHECK(mentions(ldap, "@pam"));
    CHECK(ProxmoxConfig::parse(json_of(kValid, {{"username", R"("root@pam")"}})).username ==
          "root@pam");
}

TEST_CASE("token_name: the full token id is refused with the name to use instead") {
    auto e = refusal({{"token_name", R"("tidepool@pve!autoscale")"}});
    CHECK(e.field() == "/token_name");
    CHECK(mentions(e, "only the token's name (\"autoscale\")"));
    CHECK(refusal({{"token_name", R"("9lives")"}}).field() == "/token_name");
}

TEST_CASE("token_value is required and never echoed") {
    CHECK(refusal({}, {"token_value"}).field() == "/token_value");
    auto e = refusal({{"username", R"("x@ad")"}});
    CHECK_FALSE(mentions(e, "0f1e2d3c-secret"));
}

TEST_CASE("the VMID range stays inside 100..999999999 and is not inverted") {
    CHECK(refusal({{"vmid_lower", "99"}}).field() == "/vmid_lower");
    CHECK(refusal({{"vmid_upper", "1000000000"}}).field() == "/vmid_upper");
    auto inverted = refusal({{"vmid_lower", "2000"}, {"vmid_upper", "1999"}});
    CHECK(inverted.field() == "/vmid_upper");
    CHECK(mentions(inverted, "below /vmid_lower (2000)"));
    CHECK(refusal({}, {"vmid_lower"}).field() == "/vmid_lower");
}

TEST_CASE("storage needs a full clone; the refusal names both fields") {
    auto e = refusal({{"storage", R"("ceph")"}});
    CHECK(e.field() == "/storage");
    CHECK(mentions(e, "/full_clone"));
    ProxmoxConfig c =
        ProxmoxConfig::parse(json_of(kValid, {{"storage", R"("ceph")"}, {"full_clone", "true"}}));
    CHECK(c.storage == "ceph");
}

TEST_CASE("node, pool and storage ids follow Proxmox's formats") {
    CHECK(refusal({{"node", R"("pve_1")"}}).field() == "/node");
    CHECK(refusal({{"target_node", R"("-pve")"}}).field() == "/target_node");
    CHECK(refusal({{"resource_pool", R"("my pool")"}}).field() == "/resource_pool");
    CHECK(refusal({{"storage", R"("Local")"}, {"full_clone", "true"}}).field() == "/storage");
}

TEST_CASE("guest settings: cores, memory, os type and an absolute script directory") {
    CHECK(refusal({{"cores", "0"}}).field() == "/cores");
    CHECK(refusal({{"memory_gib", "0"}}).field() == "/memory_gib");
    CHECK(refusal({{"os_type", R"("bsd")"}}).field() == "/os_type");
    CHECK(refusal({{"startup_script_path", R"("tmp")"}}).field() == "/startup_script_path");
    CHECK(refusal({{"os_type", R"("windows")"}, {"startup_script_path", R"("/tmp")"}}).field() ==
          "/startup_script_path");
    CHECK(refusal({{"max_instances", "-1"}}).field() == "/max_instances");
    CHECK(refusal({{"template_name", "5"}}).field() == "/template_name");
}
