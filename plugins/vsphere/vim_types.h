// Plain values shared by the vim25 request builders, response parsers and the client.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tidepool::vsphere::vim {

inline constexpr std::string_view kVim25 = "urn:vim25";
inline constexpr std::string_view kSoapEnv = "http://schemas.xmlsoap.org/soap/envelope/";

// A managed object reference: the type ("VirtualMachine") and the server's id ("vm-42").
struct MoRef {
    std::string type;
    std::string value;

    bool empty() const { return value.empty(); }
    bool operator==(const MoRef& o) const { return type == o.type && value == o.value; }
};

// The managers a session needs, from RetrieveServiceContent.
struct ServiceContent {
    MoRef root_folder;
    MoRef property_collector;
    MoRef view_manager;
    MoRef session_manager;
    MoRef search_index;
    MoRef guest_operations_manager;  // absent on hosts without guest operations
    std::string api_version;         // about.apiVersion, sent back in SOAPAction
};

// Guest credentials for guest operations (NamePasswordAuthentication).
struct GuestAuth {
    std::string username;
    std::string password;
};

// What ReconfigVM_Task (and the clone spec's config) change; unset members stay as they are.
struct ConfigChange {
    std::optional<std::string> annotation;
    int64_t cpus = 0;        // 0: unchanged
    int64_t memory_mib = 0;  // 0: unchanged
};

// CloneVM_Task's arguments. Empty placement references fall back to the source VM's.
struct CloneRequest {
    MoRef source;
    MoRef folder;
    std::string name;
    MoRef datastore;
    MoRef pool;
    ConfigChange config;
};

}  // namespace tidepool::vsphere::vim
