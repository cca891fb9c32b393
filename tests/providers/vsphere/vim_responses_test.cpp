// Parsing vim25 answers: shapes copied from vcsim (note its "XMLSchema-instance:type" prefix)
// and from the WSDL for what vcsim does not produce (task faults, guest processes).
#include <doctest/doctest.h>

#include "vim_responses.h"

namespace tidepool::vsphere::vim {
namespace {

using sdk::xml::XmlDocument;

std::string wrap(const std::string& body) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope )"
           R"(xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" )"
           R"(xmlns:xsd="http://www.w3.org/2001/XMLSchema" )"
           R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>)" +
           body + "</soapenv:Body></soapenv:Envelope>";
}

constexpr const char* kVal =
    R"(<val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" )";

TEST_CASE("property results are read namespace-aware, whatever prefix xsi has") {
    std::string body =
        std::string(R"(<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>)"
                    R"(<token>t-2</token><objects><obj type="VirtualMachine">vm-65</obj>)"
                    R"(<propSet><name>name</name>)") +
        kVal + R"(XMLSchema-instance:type="xsd:string">DC0_C0_RP0_VM0</val></propSet>)" +
        R"(<propSet><name>parent</name>)" + kVal +
        R"(XMLSchema-instance:type="ManagedObjectReference" type="Folder">folder-3</val>)" +
        R"(</propSet><propSet><name>datastore</name>)" + kVal +
        R"(XMLSchema-instance:type="ArrayOfManagedObjectReference"><ManagedObjectReference )"
        R"(type="Datastore">ds-1</ManagedObjectReference><ManagedObjectReference )"
        R"(type="Datastore">ds-2</ManagedObjectReference></val></propSet>)"
        R"(</objects></returnval></RetrievePropertiesExResponse>)";
    auto doc = XmlDocument::parse(wrap(body));
    RetrieveResult r = parse_retrieve_result(answer(doc));
    REQUIRE(r.objects.size() == 1);
    CHECK(r.token == "t-2");
    const ObjectContent& vm = r.objects[0];
    CHECK(vm.obj == MoRef{"VirtualMachine", "vm-65"});
    CHECK(vm.text("name") == "DC0_C0_RP0_VM0");
    CHECK(vm.ref("parent") == MoRef{"Folder", "folder-3"});
    REQUIRE(vm.find("datastore")->refs.size() == 2);
    CHECK(vm.find("datastore")->refs[1].value == "ds-2");
    CHECK(vm.text("config.annotation").empty());  // vcsim omits unset properties
}

TEST_CASE("SOAP faults become classified errors") {
    struct Row {
        const char* detail;
        int32_t status;
        const char* type;
    };
    const Row rows[] = {
        {R"(<ManagedObjectNotFoundFault xmlns="urn:vim25" xsi:type="ManagedObjectNotFound">)"
         R"(<obj type="VirtualMachine">vm-9</obj></ManagedObjectNotFoundFault>)",
         TP_ERR_NOT_FOUND, "ManagedObjectNotFound"},
        {R"(<NotAuthenticatedFault xmlns="urn:vim25"/>)", TP_ERR_DENIED, "NotAuthenticated"},
        {R"(<InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"/>)", TP_ERR_DENIED,
         "InvalidLogin"},
        {R"(<NoDiskSpaceFault xmlns="urn:vim25" xsi:type="NoDiskSpace"><datastore>ds1)"
         R"(</datastore></NoDiskSpaceFault>)",
         TP_ERR_CAPACITY, "NoDiskSpace"},
        {R"(<InvalidPowerStateFault xmlns="urn:vim25" xsi:type="InvalidPowerState"/>)",
         TP_ERR_CONFLICT, "InvalidPowerState"},
        {R"(<NotImplementedFault xmlns="urn:vim25" xsi:type="NotImplemented"/>)",
         TP_ERR_INTERNAL, "NotImplemented"},
    };
    for (const Row& row : rows) {
        std::string body = std::string("<soapenv:Fault><faultcode>ServerFaultCode</faultcode>"
                                       "<faultstring>why</faultstring><detail>") +
                           row.detail + "</detail></soapenv:Fault>";
        auto doc = XmlDocument::parse(wrap(body));
        try {
            answer(doc);
            FAIL("no fault raised for " << row.type);
        } catch (const VimError& e) {
            CHECK(e.status() == row.status);
            CHECK(e.fault().type == row.type);
            CHECK(e.provider_code() == row.type);
            CHECK(std::string(e.what()).find("why") != std::string::npos);
        }
    }
}

TEST_CASE("task info: success with a result, error with the fault's datastore") {
    std::string ok = std::string(R"(<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>)"
                                 R"(<objects><obj type="Task">task-1</obj><propSet>)"
                                 R"(<name>info</name>)") +
                     kVal + R"(XMLSchema-instance:type="TaskInfo"><key>task-1</key>)" +
                     R"(<state>success</state><result XMLSchema-instance:type=)"
                     R"("ManagedObjectReference" type="VirtualMachine">vm-77</result></val>)"
                     R"(</propSet></objects></returnval></RetrievePropertiesExResponse>)";
    auto doc = XmlDocument::parse(wrap(ok));
    TaskInfo info = parse_task_info(parse_retrieve_result(answer(doc)).objects.at(0));
    CHECK(info.state == TaskState::success);
    CHECK(info.result == MoRef{"VirtualMachine", "vm-77"});

    std::string bad = std::string(R"(<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>)"
                                  R"(<objects><obj type="Task">task-2</obj><propSet>)"
                                  R"(<name>info</name><val xsi:type="TaskInfo"><state>error)"
                                  R"(</state><error><fault xsi:type="NoDiskSpace"><datastore>)"
                                  R"(LocalDS_0</datastore></fault><localizedMessage>full)"
                                  R"(</localizedMessage></error></val></propSet></objects>)"
                                  R"(</returnval></RetrievePropertiesExResponse>)");
    auto doc2 = XmlDocument::parse(wrap(bad));
    TaskInfo failed = parse_task_info(parse_retrieve_result(answer(doc2)).objects.at(0));
    CHECK(failed.state == TaskState::error);
    REQUIRE(failed.error);
    CHECK(failed.error->type == "NoDiskSpace");
    CHECK(failed.error->datastore == "LocalDS_0");
    CHECK(failed.error->message == "full");
    CHECK(classify(*failed.error) == TP_ERR_CAPACITY);
}

TEST_CASE("guest processes: running, ended with an exit code, missing") {
    std::string body = R"(<ListProcessesInGuestResponse xmlns="urn:vim25"><returnval>)"
                       R"(<name>bash</name><pid>7</pid><owner>root</owner><cmdLine>bash</cmdLine>)"
                       R"(<startTime>2026-01-01T00:00:00Z</startTime></returnval><returnval>)"
                       R"(<name>bash</name><pid>8</pid><owner>root</owner><cmdLine>bash</cmdLine>)"
                       R"(<startTime>2026-01-01T00:00:00Z</startTime><endTime>)"
                       R"(2026-01-01T00:00:09Z</endTime><exitCode>3</exitCode></returnval>)"
                       R"(</ListProcessesInGuestResponse>)";
    auto doc = XmlDocument::parse(wrap(body));
    auto running = parse_guest_process(answer(doc), 7);
    REQUIRE(running);
    CHECK_FALSE(running->ended);
    auto ended = parse_guest_process(answer(doc), 8);
    REQUIRE(ended);
    CHECK(ended->ended);
    CHECK(ended->exit_code == 3);
    CHECK_FALSE(parse_guest_process(answer(doc), 9));
}

TEST_CASE("service content and malformed answers") {
    std::string body = R"(<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval>)"
                       R"(<rootFolder type="Folder">group-d1</rootFolder><propertyCollector )"
                       R"(type="PropertyCollector">propertyCollector</propertyCollector>)"
                       R"(<viewManager type="ViewManager">ViewManager</viewManager><about>)"
                       R"(<apiVersion>6.5</apiVersion></about><sessionManager )"
                       R"(type="SessionManager">SessionManager</sessionManager><searchIndex )"
                       R"(type="SearchIndex">SearchIndex</searchIndex></returnval>)"
                       R"(</RetrieveServiceContentResponse>)";
    auto doc = XmlDocument::parse(wrap(body));
    ServiceContent sc = parse_service_content(answer(doc));
    CHECK(sc.api_version == "6.5");
    CHECK(sc.search_index.value == "SearchIndex");
    CHECK(sc.guest_operations_manager.empty());

    CHECK_THROWS_AS(XmlDocument::parse("<a><b></a>"), sdk::xml::XmlError);
    auto html = XmlDocument::parse("<html><body>proxy error</body></html>");
    CHECK_THROWS_AS(answer(html), sdk::ProviderError);
}

}  // namespace
}  // namespace tidepool::vsphere::vim
