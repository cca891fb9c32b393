"""vim25 answer bodies for the fake vCenter (fake_vcenter.py), shaped as VMware's WSDL says.

Every answer element declares the namespaces its xsi:type values use, so the fake can validate
its own answers against the same XSDs as the requests. xsi is bound to the unusual prefix
"XMLSchema-instance" on purpose, as vcsim does, so clients must read XML namespace-aware.
"""
from xml.sax.saxutils import escape, quoteattr

XSI = "XMLSchema-instance"
NS = ('xmlns="urn:vim25" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
      'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"')


def envelope(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope '
            'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'
            + body + '</soapenv:Body></soapenv:Envelope>')


def answer(op, inner=""):
    return f'<{op}Response {NS}>{inner}</{op}Response>'


def ref(tag, mo_type, value, typed=False):
    xsi = f' {XSI}:type="ManagedObjectReference"' if typed else ""
    return f'<{tag}{xsi} type={quoteattr(mo_type)}>{escape(value)}</{tag}>'


def leaf(tag, text):
    return f"<{tag}>{escape(str(text))}</{tag}>"


def fault(fault_type, message, members=""):
    """A SOAP fault as vCenter sends it: detail/<Type>Fault with xsi:type."""
    return envelope(
        '<soapenv:Fault><faultcode>ServerFaultCode</faultcode>'
        f'<faultstring>{escape(message)}</faultstring><detail>'
        f'<{fault_type}Fault {NS} {XSI}:type="{fault_type}">{members}</{fault_type}Fault>'
        '</detail></soapenv:Fault>')


def service_content(port):
    managers = [("setting", "OptionManager", "VpxSettings"),
                ("userDirectory", "UserDirectory", "UserDirectory"),
                ("sessionManager", "SessionManager", "SessionManager"),
                ("authorizationManager", "AuthorizationManager", "AuthorizationManager"),
                ("taskManager", "TaskManager", "TaskManager"),
                ("searchIndex", "SearchIndex", "SearchIndex")]
    about = "".join(leaf(k, v) for k, v in [
        ("name", "Tidepool fake vCenter"), ("fullName", "Tidepool fake vCenter 6.5"),
        ("vendor", "Tidepool"), ("version", "6.5.0"), ("build", "1"), ("osType", "linux-x64"),
        ("productLineId", "vpx"), ("apiType", "VirtualCenter"), ("apiVersion", "6.5")])
    inner = (ref("rootFolder", "Folder", "group-d1") +
             ref("propertyCollector", "PropertyCollector", "propertyCollector") +
             ref("viewManager", "ViewManager", "ViewManager") + f"<about>{about}</about>" +
             "".join(ref(tag, t, v) for tag, t, v in managers) +
             ref("guestOperationsManager", "GuestOperationsManager", "guestOperationsManager"))
    return answer("RetrieveServiceContent", f"<returnval>{inner}</returnval>")


def user_session(user):
    fields = [("key", "52d4"), ("userName", user), ("fullName", user),
              ("loginTime", "2026-01-01T00:00:00Z"), ("lastActiveTime", "2026-01-01T00:00:00Z"),
              ("locale", "en"), ("messageLocale", "en")]
    return answer("Login", "<returnval>" + "".join(leaf(k, v) for k, v in fields) +
                  "</returnval>")


def value(v):
    """One property value: ("ref", type, id), ("refs", type, [ids]), bool, int, str, or a
    ready-made ("xml", xsi_type, inner) such as a TaskInfo."""
    if isinstance(v, tuple) and v[0] == "ref":
        return ref("val", v[1], v[2], typed=True)
    if isinstance(v, tuple) and v[0] == "refs":
        items = "".join(ref("ManagedObjectReference", v[1], i) for i in v[2])
        return f'<val {XSI}:type="ArrayOfManagedObjectReference">{items}</val>'
    if isinstance(v, tuple) and v[0] == "xml":
        return f'<val {XSI}:type="{v[1]}">{v[2]}</val>'
    if isinstance(v, bool):
        return f'<val {XSI}:type="xsd:boolean">{"true" if v else "false"}</val>'
    if isinstance(v, int):
        return f'<val {XSI}:type="xsd:int">{v}</val>'
    return f'<val {XSI}:type="xsd:string">{escape(v)}</val>'


def object_content(mo_type, mo_id, props):
    sets = "".join(f"<propSet>{leaf('name', k)}{value(v)}</propSet>" for k, v in props.items())
    return f"<objects>{ref('obj', mo_type, mo_id)}{sets}</objects>"


def retrieve_result(objects):
    if not objects:
        return answer("RetrievePropertiesEx")
    return answer("RetrievePropertiesEx", "<returnval>" + "".join(objects) + "</returnval>")


def task_info(task_id, state, result=None, error=None):
    """TaskInfo with its required members; error = (fault_type, message, members_xml)."""
    inner = (leaf("key", task_id) + ref("task", "Task", task_id) +
             leaf("descriptionId", "VirtualMachine.clone") + leaf("state", state) +
             leaf("cancelled", "false") + leaf("cancelable", "false"))
    if error:
        inner += (f'<error><fault {XSI}:type="{error[0]}">{error[2]}</fault>'
                  f'{leaf("localizedMessage", error[1])}</error>')
    if result:
        inner += ref("result", result[0], result[1], typed=True)
    inner += (f'<reason {XSI}:type="TaskReasonUser">{leaf("userName", "tidepool")}</reason>' +
              leaf("queueTime", "2026-01-01T00:00:00Z") + leaf("eventChainId", 1))
    return ("xml", "TaskInfo", inner)


def guest_process(pid, cmdline, exit_code):
    inner = (leaf("name", "bash") + leaf("pid", pid) + leaf("owner", "tidepool") +
             leaf("cmdLine", cmdline) + leaf("startTime", "2026-01-01T00:00:00Z"))
    if exit_code is not None:
        inner += leaf("endTime", "2026-01-01T00:00:01Z") + leaf("exitCode", exit_code)
    return f"<returnval>{inner}</returnval>"


def transfer_information(size, url):
    return answer("InitiateFileTransferFromGuest",
                  f'<returnval><attributes {XSI}:type="GuestPosixFileAttributes"/>'
                  f'{leaf("size", size)}{leaf("url", url)}</returnval>')
