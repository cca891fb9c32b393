// Every request builder's output is a valid vim25 request per VMware's WSDL/XSDs, and carries
// what the operation needs.
#include <doctest/doctest.h>

#include "schema_fixture.h"
#include "vim_requests.h"

namespace tidepool::vsphere::vim {
namespace {

const MoRef kVm{"VirtualMachine", "vm-42"};
const MoRef kPc{"PropertyCollector", "propertyCollector"};
const MoRef kFiles{"GuestFileManager", "guestOperationsFileManager"};
const MoRef kProcs{"GuestProcessManager", "guestOperationsProcessManager"};
const GuestAuth kAuth{"root", "p<a>ss&\"word'"};

void require_valid(const std::string& request) {
    std::string errors = test::vim_schema().validate_envelope(envelope(request));
    INFO(request);
    CHECK_MESSAGE(errors.empty(), errors);
}

TEST_CASE("every request builder produces a request the vim25 schema accepts") {
    CloneRequest clone{kVm,
                       {"Folder", "group-v3"},
                       "tp-pool-1",
                       {"Datastore", "datastore-1"},
                       {"ResourcePool", "resgroup-9"},
                       {std::string("Managed by Tidepool\nk=v"), 4, 8192}};
    CloneRequest bare{kVm, {"Folder", "group-v3"}, "tp-pool-2", {}, {}, {}};
    const std::vector<std::string> requests = {
        retrieve_service_content(),
        login({"SessionManager", "SessionManager"}, "admin", "se<cr>et"),
        logout({"SessionManager", "SessionManager"}),
        find_by_inventory_path({"SearchIndex", "SearchIndex"}, "DC0/vm/a & b"),
        retrieve_properties(kPc, kVm, {"name", "config.annotation"}),
        retrieve_view_properties(kPc, {"ContainerView", "session[1]view-1"}, "VirtualMachine",
                                 {"name", "runtime.powerState"}),
        continue_retrieve_properties(kPc, "token-1"),
        create_container_view({"ViewManager", "ViewManager"}, {"Folder", "group-d1"},
                              "VirtualMachine"),
        destroy_view({"ContainerView", "view-1"}),
        clone_vm(clone),
        clone_vm(bare),
        reconfig_vm(kVm, {std::nullopt, 2, 4096}),
        reconfig_vm(kVm, {std::string("notes"), 0, 0}),
        power_on_vm(kVm),
        power_off_vm(kVm),
        destroy(kVm),
        create_temporary_file(kFiles, kVm, kAuth, "tidepool-", ".sh"),
        initiate_file_transfer_to_guest(kFiles, kVm, kAuth, "/tmp/tidepool-1.sh", 120, true),
        initiate_file_transfer_to_guest(kFiles, kVm, kAuth, "C:\\tp.ps1", 120, false),
        initiate_file_transfer_from_guest(kFiles, kVm, kAuth, "/tmp/tidepool-1.log"),
        delete_file_in_guest(kFiles, kVm, kAuth, "/tmp/tidepool-1.sh"),
        start_program_in_guest(kProcs, kVm, kAuth, "/bin/bash", "'/tmp/a.sh' > '/tmp/a.log'"),
        list_processes_in_guest(kProcs, kVm, kAuth, 4242),
    };
    for (const auto& r : requests) require_valid(r);
}

TEST_CASE("the validator is not a rubber stamp") {
    const auto& schema = test::vim_schema();
    // Members out of schema order, an unknown member, a missing required member, a wrong type.
    CHECK_FALSE(schema.validate_request(R"(<Login xmlns="urn:vim25"><_this type="SessionManager">)"
                                        R"(SessionManager</_this><password>p</password>)"
                                        R"(<userName>u</userName></Login>)")
                    .empty());
    CHECK_FALSE(schema.validate_request(R"(<Logout xmlns="urn:vim25"><_this type="SessionManager">)"
                                        R"(x</_this><extra/></Logout>)")
                    .empty());
    CHECK_FALSE(schema.validate_request(R"(<PowerOnVM_Task xmlns="urn:vim25"/>)").empty());
    CHECK_FALSE(schema.validate_request(R"(<ListProcessesInGuest xmlns="urn:vim25">)"
                                        R"(<_this type="x">y</_this><vm type="x">y</vm>)"
                                        R"(<auth xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )"
                                        R"(xsi:type="NamePasswordAuthentication"><interactiveSession>)"
                                        R"(false</interactiveSession><username>u</username>)"
                                        R"(<password>p</password></auth><pids>abc</pids>)"
                                        R"(</ListProcessesInGuest>)")
                    .empty());
    CHECK_FALSE(schema.validate_request(R"(<NoSuchOperation xmlns="urn:vim25"/>)").empty());
    CHECK_FALSE(schema.validate_envelope("<a/>").empty());
}

TEST_CASE("builders escape operator text and order the clone spec as the schema says") {
    std::string xml = login({"SessionManager", "SessionManager"}, "a<b", "p&\"q");
    CHECK(xml.find("<userName>a&lt;b</userName>") != std::string::npos);
    CHECK(xml.find("<password>p&amp;&quot;q</password>") != std::string::npos);

    CloneRequest c{kVm, {"Folder", "f"}, "n", {"Datastore", "ds"}, {}, {std::nullopt, 2, 0}};
    std::string clone = clone_vm(c);
    CHECK(clone.find("<location><datastore type=\"Datastore\">ds</datastore></location>") !=
          std::string::npos);
    CHECK(clone.find("<config><numCPUs>2</numCPUs></config><powerOn>false</powerOn>") !=
          std::string::npos);
    CHECK(clone.find("<pool") == std::string::npos);  // unset: the template's pool
}

}  // namespace
}  // namespace tidepool::vsphere::vim
