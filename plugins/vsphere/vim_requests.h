// Builders for the vim25 SOAP requests the plugin sends. Each returns one request element
// (the child of soapenv:Body) in the urn:vim25 namespace, with members in the order the WSDL's
// sequences require; envelope() wraps it. Pure functions, so tests validate their output
// against the vim25 XSDs without a server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vim_types.h"

namespace tidepool::vsphere::vim {

std::string envelope(std::string_view request);

std::string retrieve_service_content();
std::string login(const MoRef& session_manager, std::string_view user, std::string_view password);
std::string logout(const MoRef& session_manager);
std::string find_by_inventory_path(const MoRef& search_index, std::string_view path);

// RetrievePropertiesEx for `paths` of one object.
std::string retrieve_properties(const MoRef& collector, const MoRef& object,
                                const std::vector<std::string>& paths);
// RetrievePropertiesEx for `paths` of every `type` object a ContainerView shows.
std::string retrieve_view_properties(const MoRef& collector, const MoRef& view,
                                     std::string_view type, const std::vector<std::string>& paths);
std::string continue_retrieve_properties(const MoRef& collector, std::string_view token);
std::string create_container_view(const MoRef& view_manager, const MoRef& container,
                                  std::string_view type);
std::string destroy_view(const MoRef& view);

std::string clone_vm(const CloneRequest& request);
std::string reconfig_vm(const MoRef& vm, const ConfigChange& change);
std::string power_on_vm(const MoRef& vm);
std::string power_off_vm(const MoRef& vm);
std::string destroy(const MoRef& entity);

// Guest operations (GuestFileManager / GuestProcessManager).
std::string create_temporary_file(const MoRef& file_manager, const MoRef& vm,
                                  const GuestAuth& auth, std::string_view prefix,
                                  std::string_view suffix);
std::string initiate_file_transfer_to_guest(const MoRef& file_manager, const MoRef& vm,
                                            const GuestAuth& auth, std::string_view guest_path,
                                            int64_t size, bool posix);
std::string initiate_file_transfer_from_guest(const MoRef& file_manager, const MoRef& vm,
                                              const GuestAuth& auth, std::string_view guest_path);
std::string delete_file_in_guest(const MoRef& file_manager, const MoRef& vm,
                                 const GuestAuth& auth, std::string_view guest_path);
std::string start_program_in_guest(const MoRef& process_manager, const MoRef& vm,
                                   const GuestAuth& auth, std::string_view program,
                                   std::string_view arguments);
std::string list_processes_in_guest(const MoRef& process_manager, const MoRef& vm,
                                    const GuestAuth& auth, int64_t pid);

}  // namespace tidepool::vsphere::vim
