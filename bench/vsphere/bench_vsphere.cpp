// How long the vSphere plugin spends in its own code per round trip: parsing one page of a VM
// listing (100 VMs with the seven properties every listing reads, tags in the annotation) and
// building a CloneVM_Task envelope. Both are per-request costs next to a vCenter round trip.
#include <chrono>
#include <cstdio>
#include <string>

#include "annotation_tags.h"
#include "vim_requests.h"
#include "vim_responses.h"
#include "vm_records.h"

namespace {

using namespace tidepool::vsphere;

std::string prop(const std::string& name, const std::string& type, const std::string& value) {
    return "<propSet><name>" + name + "</name><val xsi:type=\"" + type + "\">" + value +
           "</val></propSet>";
}

std::string page(int vms) {
    std::string out =
        R"(<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" )"
        R"(xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)"
        R"(<soapenv:Body><RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>)";
    std::string notes = encode_annotation({{"tidepool-installation", "inst-0123456789"},
                                           {"tidepool-config", "cfg-0123456789"},
                                           {"tidepool-machine", "m-0123456789"}});
    for (int i = 0; i < vms; ++i) {
        std::string id = std::to_string(1000 + i);
        out += "<objects><obj type=\"VirtualMachine\">vm-" + id + "</obj>" +
               prop("name", "xsd:string", "tp-pool-" + id) +
               prop("config.annotation", "xsd:string", notes) +
               prop("config.template", "xsd:boolean", "false") +
               prop("config.createDate", "xsd:dateTime", "2026-11-28T01:14:03Z") +
               prop("guest.ipAddress", "xsd:string", "10.0.3." + std::to_string(i % 250)) +
               prop("guest.hostName", "xsd:string", "tp-pool-" + id) +
               prop("runtime.powerState", "VirtualMachinePowerState", "poweredOn") + "</objects>";
    }
    return out + "</returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>";
}

template <class Fn>
double micros_per_call(int rounds, Fn fn) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) fn();
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    return took.count() / rounds;
}

}  // namespace

int main() {
    const std::string body = page(100);
    size_t sink = 0;
    double parse_us = micros_per_call(300, [&] {
        auto doc = tidepool::sdk::xml::XmlDocument::parse(body);
        for (const auto& vm : vim::parse_retrieve_result(vim::answer(doc)).objects) {
            sink += vm_record(vm).tags.size();
        }
    });
    vim::CloneRequest clone{{"VirtualMachine", "vm-10"}, {"Folder", "group-v3"}, "tp-pool-1",
                            {"Datastore", "datastore-1"}, {"ResourcePool", "resgroup-8"},
                            {std::string("notes"), 4, 8192}};
    double build_us = micros_per_call(20000, [&] { sink += vim::envelope(vim::clone_vm(clone)).size(); });
    std::printf("BENCH vsphere.parse_page_us %.1f\n", parse_us);
    std::printf("BENCH vsphere.build_clone_us %.2f\n", build_us);
    return sink == 0 ? 1 : 0;
}
