#include "vim_requests.h"

#include <tidepool/sdk/xml/xml_writer.h>

namespace tidepool::vsphere::vim {

namespace {

using sdk::xml::XmlWriter;

constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";

// Opens <op xmlns="urn:vim25"> with its _this reference. xsi:type values below are unprefixed
// QNames, so they resolve in the default (urn:vim25) namespace declared here.
XmlWriter start(std::string_view op, const MoRef& self) {
    XmlWriter w;
    w.open(op, {{"xmlns", kVim25}, {"xmlns:xsi", kXsi}});
    w.leaf("_this", self.value, {{"type", self.type}});
    return w;
}

void moref(XmlWriter& w, std::string_view name, const MoRef& ref) {
    w.leaf(name, ref.value, {{"type", ref.type}});
}

void auth(XmlWriter& w, const GuestAuth& a) {
    w.open("auth", {{"xsi:type", "NamePasswordAuthentication"}})
        .leaf("interactiveSession", "false")
        .leaf("username", a.username)
        .leaf("password", a.password)
        .close();
}

// VirtualMachineConfigSpec members in schema order: annotation, numCPUs, memoryMB.
void config_spec(XmlWriter& w, std::string_view name, const ConfigChange& c) {
    w.open(name);
    if (c.annotation) w.leaf("annotation", *c.annotation);
    if (c.cpus > 0) w.leaf("numCPUs", std::to_string(c.cpus));
    if (c.memory_mib > 0) w.leaf("memoryMB", std::to_string(c.memory_mib));
    w.close();
}

// A guest-operation request: _this, vm, auth, then the operation's own members.
XmlWriter guest_op(std::string_view op, const MoRef& manager, const MoRef& vm,
                   const GuestAuth& a) {
    XmlWriter w = start(op, manager);
    moref(w, "vm", vm);
    auth(w, a);
    return w;
}

std::string property_spec(std::string_view type, const std::vector<std::string>& paths) {
    XmlWriter w;
    w.open("propSet").leaf("type", type);
    for (const auto& p : paths) w.leaf("pathSet", p);
    return w.close().str();
}

}  // namespace

std::string envelope(std::string_view request) {
    XmlWriter w;
    w.raw(R"(<?xml version="1.0" encoding="UTF-8"?>)");
    w.open("soapenv:Envelope", {{"xmlns:soapenv", kSoapEnv}}).open("soapenv:Body");
    w.raw(request);
    return w.close().close().str();
}

std::string retrieve_service_content() {
    return start("RetrieveServiceContent", {"ServiceInstance", "ServiceInstance"}).close().str();
}

std::string login(const MoRef& session_manager, std::string_view user, std::string_view password) {
    return start("Login", session_manager)
        .leaf("userName", user)
        .leaf("password", password)
        .close()
        .str();
}

std::string logout(const MoRef& session_manager) {
    return start("Logout", session_manager).close().str();
}

std::string find_by_inventory_path(const MoRef& search_index, std::string_view path) {
    return start("FindByInventoryPath", search_index).leaf("inventoryPath", path).close().str();
}

std::string retrieve_properties(const MoRef& collector, const MoRef& object,
                                const std::vector<std::string>& paths) {
    XmlWriter w = start("RetrievePropertiesEx", collector);
    w.open("specSet").raw(property_spec(object.type, paths)).open("objectSet");
    moref(w, "obj", object);
    w.close().close();
    return w.open("options").close().close().str();
}

std::string retrieve_view_properties(const MoRef& collector, const MoRef& view,
                                     std::string_view type,
                                     const std::vector<std::string>& paths) {
    XmlWriter w = start("RetrievePropertiesEx", collector);
    w.open("specSet").raw(property_spec(type, paths)).open("objectSet");
    moref(w, "obj", view);
    // Skip the view itself and follow its "view" property to the objects it shows.
    w.leaf("skip", "true")
        .open("selectSet", {{"xsi:type", "TraversalSpec"}})
        .leaf("type", "ContainerView")
        .leaf("path", "view")
        .leaf("skip", "false")
        .close();
    w.close().close();
    // Pages of 100 keep every answer small; ContinueRetrievePropertiesEx fetches the rest.
    return w.open("options").leaf("maxObjects", "100").close().close().str();
}

std::string continue_retrieve_properties(const MoRef& collector, std::string_view token) {
    return start("ContinueRetrievePropertiesEx", collector).leaf("token", token).close().str();
}

std::string create_container_view(const MoRef& view_manager, const MoRef& container,
                                  std::string_view type) {
    XmlWriter w = start("CreateContainerView", view_manager);
    moref(w, "container", container);
    return w.leaf("type", type).leaf("recursive", "true").close().str();
}

std::string destroy_view(const MoRef& view) { return start("DestroyView", view).close().str(); }

std::string clone_vm(const CloneRequest& r) {
    XmlWriter w = start("CloneVM_Task", r.source);
    moref(w, "folder", r.folder);
    w.leaf("name", r.name).open("spec").open("location");
    if (!r.datastore.empty()) moref(w, "datastore", r.datastore);
    if (!r.pool.empty()) moref(w, "pool", r.pool);
    w.close().leaf("template", "false");
    config_spec(w, "config", r.config);
    return w.leaf("powerOn", "false").close().close().str();
}

std::string reconfig_vm(const MoRef& vm, const ConfigChange& change) {
    XmlWriter w = start("ReconfigVM_Task", vm);
    config_spec(w, "spec", change);
    return w.close().str();
}

std::string power_on_vm(const MoRef& vm) { return start("PowerOnVM_Task", vm).close().str(); }
std::string power_off_vm(const MoRef& vm) { return start("PowerOffVM_Task", vm).close().str(); }
std::string destroy(const MoRef& entity) { return start("Destroy_Task", entity).close().str(); }

std::string create_temporary_file(const MoRef& file_manager, const MoRef& vm,
                                  const GuestAuth& a, std::string_view prefix,
                                  std::string_view suffix) {
    return guest_op("CreateTemporaryFileInGuest", file_manager, vm, a)
        .leaf("prefix", prefix)
        .leaf("suffix", suffix)
        .close()
        .str();
}

std::string initiate_file_transfer_to_guest(const MoRef& file_manager, const MoRef& vm,
                                            const GuestAuth& a, std::string_view guest_path,
                                            int64_t size, bool posix) {
    XmlWriter w = guest_op("InitiateFileTransferToGuest", file_manager, vm, a);
    w.leaf("guestFilePath", guest_path);
    if (posix) {
        // 0700: the script may hold secrets (check-in tokens); only its owner reads it.
        w.open("fileAttributes", {{"xsi:type", "GuestPosixFileAttributes"}})
            .leaf("permissions", "448")
            .close();
    } else {
        w.open("fileAttributes", {{"xsi:type", "GuestWindowsFileAttributes"}}).close();
    }
    return w.leaf("fileSize", std::to_string(size)).leaf("overwrite", "true").close().str();
}

std::string initiate_file_transfer_from_guest(const MoRef& file_manager, const MoRef& vm,
                                              const GuestAuth& a, std::string_view guest_path) {
    return guest_op("InitiateFileTransferFromGuest", file_manager, vm, a)
        .leaf("guestFilePath", guest_path)
        .close()
        .str();
}

std::string delete_file_in_guest(const MoRef& file_manager, const MoRef& vm, const GuestAuth& a,
                                 std::string_view guest_path) {
    return guest_op("DeleteFileInGuest", file_manager, vm, a)
        .leaf("filePath", guest_path)
        .close()
        .str();
}

std::string start_program_in_guest(const MoRef& process_manager, const MoRef& vm,
                                   const GuestAuth& a, std::string_view program,
                                   std::string_view arguments) {
    return guest_op("StartProgramInGuest", process_manager, vm, a)
        .open("spec")
        .leaf("programPath", program)
        .leaf("arguments", arguments)
        .close()
        .close()
        .str();
}

std::string list_processes_in_guest(const MoRef& process_manager, const MoRef& vm,
                                    const GuestAuth& a, int64_t pid) {
    return guest_op("ListProcessesInGuest", process_manager, vm, a)
        .leaf("pids", std::to_string(pid))
        .close()
        .str();
}

}  // namespace tidepool::vsphere::vim
