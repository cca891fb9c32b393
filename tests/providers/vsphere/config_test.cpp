// The config reader: defaults, and refusals that name the field and the fix.
#include <doctest/doctest.h>

#include <tidepool/sdk/error.hpp>

#include "vsphere_config.h"

namespace tidepool::vsphere {
namespace {

constexpr const char* kMinimal =
    R"({"vcenter":"vc.example.com","username":"u","password":"p","template":"tmpl")";

VsphereConfig parse(const std::string& extra) {
    return VsphereConfig::parse(std::string(kMinimal) + extra + "}");
}

TEST_CASE("defaults follow the brief: port 443, linux, TLS verified") {
    VsphereConfig c = parse("");
    CHECK(c.sdk_url() == "https://vc.example.com:443/sdk");
    CHECK(c.os_family == OsFamily::linux);
    CHECK(c.verify_tls);
    CHECK(c.cpus == 0);
    CHECK(c.memory_mib() == 0);
    CHECK(c.max_instances == 10);
}

TEST_CASE("every field is read") {
    VsphereConfig c = parse(R"(,"port":8443,"max_instances":3,"datacenter":"DC","vm_folder":"a/b",)"
                            R"("datastore":"ds","cluster":"C","resource_pool":"rp",)"
                            R"("guest_username":"g","guest_password":"gp","cpus":4,)"
                            R"("memory_gib":1.5,"os_family":"windows","verify_tls":false)");
    CHECK(c.port == 8443);
    CHECK(c.max_instances == 3);
    CHECK(c.vm_folder == "a/b");
    CHECK(c.memory_mib() == 1536);
    CHECK(c.os_family == OsFamily::windows);
    CHECK_FALSE(c.verify_tls);
}

TEST_CASE("bad values are refused with the field's JSON pointer") {
    struct Row {
        std::string json;
        std::string field;
    };
    const Row rows[] = {
        {R"({"username":"u","password":"p","template":"t"})", "/vcenter"},
        {std::string(kMinimal).replace(12, 14, "https://vc") + "}", "/vcenter"},
        {std::string(kMinimal).replace(12, 14, "vc:443") + "}", "/vcenter"},
        {std::string(kMinimal) + R"(,"port":0})", "/port"},
        {std::string(kMinimal) + R"(,"os_family":"bsd"})", "/os_family"},
        {std::string(kMinimal) + R"(,"memory_gib":0.001})", "/memory_gib"},
        {std::string(kMinimal) + R"(,"cpus":-1})", "/cpus"},
        {std::string(kMinimal) + R"(,"datastore":"a","datastore_cluster":"b"})",
         "/datastore_cluster"},
        {R"({"vcenter":"v","username":"u","password":"p","template":""})", "/template"},
    };
    for (const Row& row : rows) {
        INFO(row.json);
        try {
            VsphereConfig::parse(row.json);
            FAIL("accepted");
        } catch (const sdk::ProviderError& e) {
            CHECK(e.status() == TP_ERR_INVALID_CONFIG);
            CHECK(e.field() == row.field);
        }
    }
}

}  // namespace
}  // namespace tidepool::vsphere
