"""The vim25 operations the fake vCenter implements, one function per operation.

Each takes (world, request element, handler context) with world.lock held and returns the
answer element's XML, or raises fake_vcenter.Fault. See fake_vcenter.py for the inventory.
"""
import secrets
import shlex
import subprocess
import tempfile
import threading

import fake_vim_xml as X

V = "{urn:vim25}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def text(el, path, default=""):
    found = el.find(path)
    return found.text or "" if found is not None else default


def moref(el):
    return (el.get("type"), el.text or "")


def retrieve_service_content(w, req, ctx):
    return X.service_content(ctx.port)


def login(w, req, ctx):
    if text(req, V + "userName") != w.user or text(req, V + "password") != w.password:
        raise ctx.Fault("InvalidLogin", "Cannot complete login due to an incorrect user name or password.")
    ctx.session = secrets.token_hex(16)
    w.sessions.add(ctx.session)
    w.logins += 1
    return X.user_session(w.user)


def logout(w, req, ctx):
    w.sessions.discard(ctx.cookie)
    return X.answer("Logout")


def find_by_inventory_path(w, req, ctx):
    found = w.paths.get(text(req, V + "inventoryPath"))
    return X.answer("FindByInventoryPath", X.ref("returnval", *found) if found else "")


def create_container_view(w, req, ctx):
    view = w.new_id("session[fake]view")
    w.views[view] = [t.text for t in req.findall(V + "type")]
    return X.answer("CreateContainerView", X.ref("returnval", "ContainerView", view))


def destroy_view(w, req, ctx):
    w.views.pop(text(req, V + "_this"), None)
    return X.answer("DestroyView")


def _props(w, mo_type, mo_id, paths, ctx):
    if mo_type == "Task":
        if mo_id not in w.tasks:
            raise ctx.Fault("ManagedObjectNotFound", "no such task", X.ref("obj", "Task", mo_id))
        return {"info": w.tasks[mo_id]}
    props = w.vm(mo_id) if mo_type == "VirtualMachine" else w.objects.get((mo_type, mo_id))
    if props is None:
        raise ctx.Fault("ManagedObjectNotFound", "no such object", X.ref("obj", mo_type, mo_id))
    return {p: props[p] for p in paths if p in props}


def retrieve_properties_ex(w, req, ctx):
    spec = req.find(V + "specSet")
    mo_type = text(spec, f"{V}propSet/{V}type")
    paths = [p.text for p in spec.findall(f"{V}propSet/{V}pathSet")]
    obj_type, obj_id = moref(spec.find(f"{V}objectSet/{V}obj"))
    if obj_type == "ContainerView":
        if obj_id not in w.views:
            raise ctx.Fault("ManagedObjectNotFound", "no such view", X.ref("obj", obj_type, obj_id))
        ids = [k[1] for k in w.objects if k[0] == mo_type and mo_type in w.views[obj_id]]
    else:
        ids = [obj_id]
    objects = [X.object_content(mo_type, i, _props(w, mo_type, i, paths, ctx)) for i in ids]
    return X.retrieve_result(objects)


def clone_vm_task(w, req, ctx):
    source = w.vm(text(req, V + "_this"))
    name = text(req, V + "name")
    if source["name"] == "tmpl-full":
        return X.answer("CloneVM_Task", w.task(error=(
            "NoDiskSpace", "There is not enough space on datastore ds-full",
            X.leaf("file", "[ds-full] " + name) + X.leaf("datastore", "ds-full"))))
    if any(p.get("name") == name for k, p in w.objects.items() if k[0] == "VirtualMachine"):
        return X.answer("CloneVM_Task", w.task(error=(
            "DuplicateName", f"The name '{name}' already exists.", X.leaf("name", name))))
    spec = req.find(V + "spec")
    datastore = text(spec, f"{V}location/{V}datastore") or source["datastore"][2][0]
    vm_id = w.new_id("vm")
    w.objects[("VirtualMachine", vm_id)] = w.vm_props(
        name, datastore, annotation=text(spec, f"{V}config/{V}annotation"))
    return X.answer("CloneVM_Task", w.task(result=("VirtualMachine", vm_id)))


def reconfig_vm_task(w, req, ctx):
    vm = w.vm(text(req, V + "_this"))
    spec = req.find(V + "spec")
    if spec.find(V + "annotation") is not None:
        vm["config.annotation"] = text(spec, V + "annotation")
    if text(spec, V + "numCPUs"):
        vm["config.hardware.numCPU"] = int(text(spec, V + "numCPUs"))
    if text(spec, V + "memoryMB"):
        vm["config.hardware.memoryMB"] = int(text(spec, V + "memoryMB"))
    return X.answer("ReconfigVM_Task", w.task())


def _power(w, req, op, wanted):
    vm_id = text(req, V + "_this")
    vm = w.vm(vm_id)
    if vm["runtime.powerState"] == wanted:
        return X.answer(op, w.task(error=("InvalidPowerState", "already " + wanted,
                                          X.leaf("existingState", wanted))))
    vm["runtime.powerState"] = wanted
    on = wanted == "poweredOn"
    vm["guest.toolsRunningStatus"] = "guestToolsRunning" if on else "guestToolsNotRunning"
    if on:
        vm["guest.ipAddress"] = "10.0.0.%d" % (int(vm_id.split("-")[1]) % 250)
    else:
        vm.pop("guest.ipAddress", None)
    return X.answer(op, w.task())


def power_on_vm_task(w, req, ctx):
    return _power(w, req, "PowerOnVM_Task", "poweredOn")


def power_off_vm_task(w, req, ctx):
    return _power(w, req, "PowerOffVM_Task", "poweredOff")


def destroy_task(w, req, ctx):
    vm_id = text(req, V + "_this")
    if w.vm(vm_id)["runtime.powerState"] != "poweredOff":
        return X.answer("Destroy_Task", w.task(error=("InvalidPowerState", "powered on",
                                                      X.leaf("existingState", "poweredOn"))))
    del w.objects[("VirtualMachine", vm_id)]
    for key in [k for k in w.files if k[0] == vm_id]:
        del w.files[key]
    return X.answer("Destroy_Task", w.task())


def _guest(w, req, ctx):
    """Checks the guest credentials and that the VM can run guest operations."""
    vm_id = text(req, V + "vm")
    vm = w.vm(vm_id)
    auth = req.find(V + "auth")
    if auth.get(XSI_TYPE, "").split(":")[-1] != "NamePasswordAuthentication":
        raise ctx.Fault("InvalidArgument", "auth", X.leaf("invalidProperty", "auth"))
    if (text(auth, V + "username"), text(auth, V + "password")) != (w.guest_user, w.guest_password):
        raise ctx.Fault("InvalidGuestLogin", "Failed to authenticate with the guest operating system")
    if vm["guest.toolsRunningStatus"] != "guestToolsRunning":
        raise ctx.Fault("GuestOperationsUnavailable", "The guest operations agent is not running")
    return vm_id


def _transfer(w, ctx, kind, key):
    token = secrets.token_hex(8)
    w.transfers[token] = (kind, key)
    return f"https://*:{ctx.port}/guestFile?id=1&token={token}"


def create_temporary_file_in_guest(w, req, ctx):
    vm_id = _guest(w, req, ctx)
    path = "/tmp/" + text(req, V + "prefix") + secrets.token_hex(4) + text(req, V + "suffix")
    w.files[(vm_id, path)] = b""
    return X.answer("CreateTemporaryFileInGuest", X.leaf("returnval", path))


def initiate_file_transfer_to_guest(w, req, ctx):
    vm_id = _guest(w, req, ctx)
    path = text(req, V + "guestFilePath")
    if (vm_id, path) in w.files and text(req, V + "overwrite") != "true":
        raise ctx.Fault("FileAlreadyExists", path, X.leaf("file", path))
    w.files.setdefault((vm_id, path), b"")
    url = _transfer(w, ctx, "put", (vm_id, path, int(text(req, V + "fileSize"))))
    return X.answer("InitiateFileTransferToGuest", X.leaf("returnval", url))


def initiate_file_transfer_from_guest(w, req, ctx):
    vm_id = _guest(w, req, ctx)
    path = text(req, V + "guestFilePath")
    if (vm_id, path) not in w.files:
        raise ctx.Fault("FileNotFound", path, X.leaf("file", path))
    return X.transfer_information(len(w.files[(vm_id, path)]),
                                  _transfer(w, ctx, "get", (vm_id, path)))


def delete_file_in_guest(w, req, ctx):
    vm_id = _guest(w, req, ctx)
    path = text(req, V + "filePath")
    if w.files.pop((vm_id, path), None) is None:
        raise ctx.Fault("FileNotFound", path, X.leaf("file", path))
    return X.answer("DeleteFileInGuest")


def _run(w, pid, vm_id, script, log):
    """Runs the uploaded script for real; its output becomes the guest's log file."""
    with tempfile.NamedTemporaryFile("wb", suffix=".sh", dir=w.guest_root, delete=False) as f:
        f.write(script)
    done = subprocess.run(["bash", f.name], cwd=w.guest_root, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=60)
    with w.lock:
        w.files[(vm_id, log)] = done.stdout
        w.processes[pid]["exit"] = done.returncode


def start_program_in_guest(w, req, ctx):
    vm_id = _guest(w, req, ctx)
    program = text(req, f"{V}spec/{V}programPath")
    args = shlex.split(text(req, f"{V}spec/{V}arguments"))
    # The provider's Linux form: /bin/bash 'SCRIPT' > 'LOG' 2>&1
    if program != "/bin/bash" or len(args) != 4 or args[1] != ">" or args[3] != "2>&1":
        raise ctx.Fault("InvalidArgument", f"unexpected command {program} {args}",
                        X.leaf("invalidProperty", "spec"))
    script, log = args[0], args[2]
    if (vm_id, script) not in w.files:
        raise ctx.Fault("FileNotFound", script, X.leaf("file", script))
    pid = 4000 + len(w.processes)
    w.processes[pid] = {"vm": vm_id, "cmd": f"{program} {' '.join(args)}", "exit": None}
    threading.Thread(target=_run, args=(w, pid, vm_id, w.files[(vm_id, script)], log),
                     daemon=True).start()
    return X.answer("StartProgramInGuest", X.leaf("returnval", pid))


def list_processes_in_guest(w, req, ctx):
    _guest(w, req, ctx)
    pids = [int(p.text) for p in req.findall(V + "pids")]
    out = "".join(X.guest_process(pid, w.processes[pid]["cmd"], w.processes[pid]["exit"])
                  for pid in pids if pid in w.processes)
    return X.answer("ListProcessesInGuest", out)


OPERATIONS = {
    "RetrieveServiceContent": retrieve_service_content, "Login": login, "Logout": logout,
    "FindByInventoryPath": find_by_inventory_path, "CreateContainerView": create_container_view,
    "DestroyView": destroy_view, "RetrievePropertiesEx": retrieve_properties_ex,
    "CloneVM_Task": clone_vm_task, "ReconfigVM_Task": reconfig_vm_task,
    "PowerOnVM_Task": power_on_vm_task, "PowerOffVM_Task": power_off_vm_task,
    "Destroy_Task": destroy_task,
    "CreateTemporaryFileInGuest": create_temporary_file_in_guest,
    "InitiateFileTransferToGuest": initiate_file_transfer_to_guest,
    "InitiateFileTransferFromGuest": initiate_file_transfer_from_guest,
    "DeleteFileInGuest": delete_file_in_guest, "StartProgramInGuest": start_program_in_guest,
    "ListProcessesInGuest": list_processes_in_guest,
}
NO_SESSION = {"RetrieveServiceContent", "Login"}
