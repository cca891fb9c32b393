// Parsers for vim25 SOAP answers: faults (as a SOAP Fault or inside a TaskInfo), service
// content, property-collector results, task state and guest processes. XML is read
// namespace-aware, so any prefix the server picks (vcsim uses "XMLSchema-instance:type") works.
// Parsed values are owned copies, so the document can go once a parser returns.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tidepool/sdk/error.hpp>
#include <tidepool/sdk/xml/xml_document.h>

#include "vim_types.h"

namespace tidepool::vsphere::vim {

// A vim25 fault: its type ("NoDiskSpace"), the server's message and the members callers act on.
struct Fault {
    std::string type;
    std::string message;
    std::string datastore;  // NoDiskSpace / InsufficientStorageSpace: the full datastore
};

// The Tidepool status class a fault belongs to (TP_ERR_*).
int32_t classify(const Fault& fault);

// A fault as an exception: the status comes from classify(), provider_code is the fault type.
class VimError : public sdk::ProviderError {
public:
    VimError(const Fault& fault, const std::string& context);
    const Fault& fault() const { return fault_; }

private:
    Fault fault_;
};

// The request's answer element (the child of soapenv:Body). Throws VimError for a SOAP fault
// and ProviderError(TP_ERR_INTERNAL) for a body that is not a SOAP envelope.
sdk::xml::XmlNode answer(const sdk::xml::XmlDocument& doc);
// The Fault inside a <detail> or a LocalizedMethodFault, plus its message.
Fault parse_fault(const sdk::xml::XmlNode& fault_node, std::string message);

MoRef parse_moref(const sdk::xml::XmlNode& node);
// The first <returnval> of an answer as a reference; empty when absent (e.g. nothing found).
MoRef returned_moref(const sdk::xml::XmlNode& answer);
ServiceContent parse_service_content(const sdk::xml::XmlNode& answer);

enum class TaskState { queued, running, success, error };
struct TaskInfo {
    TaskState state = TaskState::queued;
    std::optional<Fault> error;
    MoRef result;  // CloneVM_Task: the new VM
};

// One property value: text for scalars, refs for a reference or an array of them.
struct Property {
    std::string text;
    std::vector<MoRef> refs;
    std::vector<std::string> strings;  // ArrayOfString members
    std::optional<TaskInfo> task;      // a TaskInfo value
};

struct ObjectContent {
    MoRef obj;
    std::map<std::string, Property> props;
    const Property* find(const std::string& path) const;
    std::string text(const std::string& path) const;  // "" when missing
    MoRef ref(const std::string& path) const;         // empty when missing
};

struct RetrieveResult {
    std::vector<ObjectContent> objects;
    std::string token;  // non-empty: more pages via ContinueRetrievePropertiesEx
};
RetrieveResult parse_retrieve_result(const sdk::xml::XmlNode& answer);

// TaskInfo from the "info" property of a Task; TP_ERR_INTERNAL when it is missing.
TaskInfo parse_task_info(const ObjectContent& task);

struct GuestProcess {
    int64_t pid = 0;
    bool ended = false;
    int32_t exit_code = 0;  // meaningful once ended
};
// ListProcessesInGuest's answer; nullopt when the pid is not listed.
std::optional<GuestProcess> parse_guest_process(const sdk::xml::XmlNode& answer, int64_t pid);

// The <returnval> text of an answer (a URL, a path, a pid).
std::string returned_text(const sdk::xml::XmlNode& answer);
// InitiateFileTransferFromGuest: the download URL in FileTransferInformation.
std::string parse_transfer_url(const sdk::xml::XmlNode& answer);

}  // namespace tidepool::vsphere::vim
