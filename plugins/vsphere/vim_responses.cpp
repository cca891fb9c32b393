#include "vim_responses.h"

#include <cstdlib>

namespace tidepool::vsphere::vim {

namespace {

using sdk::ProviderError;
using sdk::xml::XmlNode;

// Detail elements are named "<Type>Fault"; xsi:type, when present, is the precise type.
std::string fault_type(const XmlNode& node) {
    std::string type = node.xsi_type();
    if (!type.empty()) return type;
    std::string name(node.local_name());
    constexpr std::string_view kSuffix = "Fault";
    if (name.size() > kSuffix.size() && name.compare(name.size() - kSuffix.size(), kSuffix.size(),
                                                     kSuffix) == 0) {
        name.resize(name.size() - kSuffix.size());
    }
    return name;
}

TaskState task_state(const std::string& text) {
    if (text == "queued") return TaskState::queued;
    if (text == "running") return TaskState::running;
    if (text == "success") return TaskState::success;
    if (text == "error") return TaskState::error;
    throw ProviderError(TP_ERR_INTERNAL, "vCenter reported an unknown task state '" + text + "'");
}

// TaskInfo: state, and on error the LocalizedMethodFault's fault type and message.
TaskInfo parse_task(const XmlNode& val) {
    TaskInfo info;
    info.state = task_state(val.child_text(kVim25, "state"));
    XmlNode error = val.child(kVim25, "error");
    if (error) {
        XmlNode fault = error.child(kVim25, "fault");
        info.error = fault ? parse_fault(fault, error.child_text(kVim25, "localizedMessage"))
                           : Fault{"TaskError", error.child_text(kVim25, "localizedMessage"), {}};
    }
    XmlNode result = val.child(kVim25, "result");
    if (result && result.attribute("type")) info.result = parse_moref(result);
    return info;
}

Property parse_property(const XmlNode& val) {
    Property p;
    std::string type = val.xsi_type();
    if (type == "ManagedObjectReference") {
        p.refs.push_back(parse_moref(val));
    } else if (type == "ArrayOfManagedObjectReference") {
        for (const XmlNode& r : val.children(kVim25, "ManagedObjectReference")) {
            p.refs.push_back(parse_moref(r));
        }
    } else if (type == "TaskInfo") {
        p.task = parse_task(val);
    } else if (type == "ArrayOfString") {
        for (const XmlNode& s : val.children(kVim25, "string")) p.strings.push_back(s.text());
    }
    p.text = val.text();
    return p;
}

ObjectContent parse_object(const XmlNode& node) {
    ObjectContent oc;
    oc.obj = parse_moref(node.child(kVim25, "obj"));
    for (const XmlNode& prop : node.children(kVim25, "propSet")) {
        XmlNode val = prop.child(kVim25, "val");
        if (val) oc.props[prop.child_text(kVim25, "name")] = parse_property(val);
    }
    return oc;
}

}  // namespace

int32_t classify(const Fault& f) {
    const std::string& t = f.type;
    if (t == "ManagedObjectNotFound") return TP_ERR_NOT_FOUND;
    if (t == "NotAuthenticated" || t == "InvalidLogin" || t == "NoPermission" ||
        t == "InvalidGuestLogin" || t == "GuestPermissionDenied") {
        return TP_ERR_DENIED;
    }
    if (t == "DuplicateName" || t == "InvalidPowerState" || t == "InvalidState" ||
        t == "TaskInProgress" || t == "ConcurrentAccess") {
        return TP_ERR_CONFLICT;
    }
    if (t == "NoDiskSpace" || t == "InsufficientStorageSpace" || t == "InsufficientResourcesFault" ||
        t == "InsufficientMemoryResourcesFault" || t == "InsufficientCpuResourcesFault" ||
        t == "InsufficientHostCapacityFault" || t == "OutOfBounds") {
        return TP_ERR_CAPACITY;
    }
    if (t == "HostCommunication" || t == "HostNotConnected" || t == "RequestCanceled" ||
        t == "GuestOperationsUnavailable" || t == "SystemError" || t == "ToolsUnavailable") {
        return TP_ERR_UNAVAILABLE;
    }
    if (t == "InvalidArgument" || t == "InvalidRequest" || t == "InvalidType" ||
        t == "MethodNotFound" || t == "NotSupported" || t == "NotImplemented") {
        return TP_ERR_INTERNAL;
    }
    return TP_ERR_INTERNAL;
}

VimError::VimError(const Fault& fault, const std::string& context)
    : ProviderError(classify(fault),
                    context + ": " + fault.type + (fault.message.empty() ? "" : ": " + fault.message),
                    {}, fault.type),
      fault_(fault) {}

Fault parse_fault(const XmlNode& node, std::string message) {
    Fault f;
    f.type = fault_type(node);
    f.message = std::move(message);
    f.datastore = node.child_text(kVim25, "datastore");
    return f;
}

XmlNode answer(const sdk::xml::XmlDocument& doc) {
    XmlNode root = doc.root();
    XmlNode body = root.child(kSoapEnv, "Body");
    if (root.local_name() != "Envelope" || root.namespace_uri() != kSoapEnv || !body) {
        throw ProviderError(TP_ERR_INTERNAL, "vCenter answered something that is not a SOAP "
                                             "envelope (is the address a vCenter /sdk endpoint?)");
    }
    XmlNode fault = body.child(kSoapEnv, "Fault");
    if (fault) {
        XmlNode detail = fault.child("", "detail").first_child();
        Fault f = detail ? parse_fault(detail, fault.child_text("", "faultstring"))
                         : Fault{"SOAPFault", fault.child_text("", "faultstring"), {}};
        throw VimError(f, "vCenter refused the request");
    }
    XmlNode out = body.first_child();
    if (!out) throw ProviderError(TP_ERR_INTERNAL, "vCenter answered an empty SOAP body");
    return out;
}

MoRef parse_moref(const XmlNode& node) {
    return MoRef{node.attribute("type").value_or(""), node.text()};
}

MoRef returned_moref(const XmlNode& answer_node) {
    XmlNode rv = answer_node.child(kVim25, "returnval");
    return rv ? parse_moref(rv) : MoRef{};
}

std::string returned_text(const XmlNode& answer_node) {
    return answer_node.child_text(kVim25, "returnval");
}

ServiceContent parse_service_content(const XmlNode& answer_node) {
    XmlNode rv = answer_node.child(kVim25, "returnval");
    auto ref = [&](std::string_view name) { return parse_moref(rv.child(kVim25, name)); };
    ServiceContent sc{ref("rootFolder"),   ref("propertyCollector"), ref("viewManager"),
                      ref("sessionManager"), ref("searchIndex"),     ref("guestOperationsManager"),
                      rv.child(kVim25, "about").child_text(kVim25, "apiVersion")};
    if (sc.property_collector.empty() || sc.session_manager.empty() || sc.root_folder.empty()) {
        throw ProviderError(TP_ERR_INTERNAL, "vCenter's service content lacks the property "
                                             "collector, session manager or root folder");
    }
    return sc;
}

const Property* ObjectContent::find(const std::string& path) const {
    auto it = props.find(path);
    return it == props.end() ? nullptr : &it->second;
}

std::string ObjectContent::text(const std::string& path) const {
    const Property* p = find(path);
    return p ? p->text : std::string();
}

MoRef ObjectContent::ref(const std::string& path) const {
    const Property* p = find(path);
    return p && !p->refs.empty() ? p->refs.front() : MoRef{};
}

RetrieveResult parse_retrieve_result(const XmlNode& answer_node) {
    RetrieveResult out;
    XmlNode rv = answer_node.child(kVim25, "returnval");
    out.token = rv.child_text(kVim25, "token");
    for (const XmlNode& o : rv.children(kVim25, "objects")) out.objects.push_back(parse_object(o));
    return out;
}

TaskInfo parse_task_info(const ObjectContent& task) {
    const Property* info = task.find("info");
    if (!info || !info->task) {
        throw ProviderError(TP_ERR_INTERNAL, "vCenter did not report task " + task.obj.value +
                                                 "'s info");
    }
    return *info->task;
}

std::optional<GuestProcess> parse_guest_process(const XmlNode& answer_node, int64_t pid) {
    for (const XmlNode& p : answer_node.children(kVim25, "returnval")) {
        if (std::strtoll(p.child_text(kVim25, "pid").c_str(), nullptr, 10) != pid) continue;
        GuestProcess gp;
        gp.pid = pid;
        gp.ended = static_cast<bool>(p.child(kVim25, "endTime"));
        gp.exit_code = static_cast<int32_t>(std::strtol(p.child_text(kVim25, "exitCode").c_str(),
                                                        nullptr, 10));
        return gp;
    }
    return std::nullopt;
}

std::string parse_transfer_url(const XmlNode& answer_node) {
    return answer_node.child(kVim25, "returnval").child_text(kVim25, "url");
}

}  // namespace tidepool::vsphere::vim
