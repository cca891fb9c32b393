#!/usr/bin/env python3
"""A fake vCenter for the vSphere provider's guest-operation tests (vcsim does not implement
StartProgramInGuest). HTTPS on 127.0.0.1 with a throw-away self-signed certificate; prints
"PORT <n> <certificate file>" once listening.

Every SOAP envelope it receives is validated against VMware's vim25 WSDL/XSDs by the
vim_validate co-process (libxml2), and so is every answer it sends; an invalid request is
answered with an InvalidRequest fault and recorded in /fake/state. Uploaded startup scripts
really run (bash, in a scratch "guest" directory), so exit codes and output are real.

Inventory: datacenter DC0 with templates DC0/vm/tmpl-linux (a template: no resource pool, so
the clone's pool comes from its host's cluster) and DC0/vm/tmpl-full (clones fail with
NoDiskSpace on datastore "ds-full"). Admin: POST /fake/expire-sessions drops every session; POST
/fake/fail-next?status=503&retry_after=2 makes the next SOAP call answer that status (plain
text, Retry-After) as an overloaded vCenter does;
GET /fake/state returns JSON (vms, invalid requests, logins, processes, guest files).
Usage: fake_vcenter.py VIM_VALIDATE WSDL_DIR USER PASSWORD GUEST_USER GUEST_PASSWORD
"""
import json
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import fake_vim_ops
import fake_vim_xml as X

SOAPENV = "{http://schemas.xmlsoap.org/soap/envelope/}"


class Validator:
    """The vim_validate co-process: one envelope in, "OK" or "INVALID ..." out."""

    def __init__(self, exe, wsdl_dir):
        self.proc = subprocess.Popen([exe, wsdl_dir], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        if self.proc.stdout.readline().strip() != b"READY":
            raise SystemExit("vim_validate did not start")
        self.lock = threading.Lock()

    def check(self, envelope):
        data = envelope.encode()
        with self.lock:
            self.proc.stdin.write(b"%d\n" % len(data) + data)
            self.proc.stdin.flush()
            line = self.proc.stdout.readline().decode().strip()
        return "" if line == "OK" else line


class Fault(Exception):
    def __init__(self, fault_type, message, members=""):
        super().__init__(message)
        self.xml = X.fault(fault_type, message, members)


class World:
    """The fake inventory, sessions, tasks and guests; every method runs under self.lock."""

    def __init__(self, args):
        self.user, self.password, self.guest_user, self.guest_password = args
        self.lock = threading.RLock()
        self.sessions, self.invalid, self.logins = set(), [], 0
        self.fail_next = []  # (HTTP status, Retry-After seconds) for the next SOAP calls
        self.next_id, self.tasks, self.views = 100, {}, {}
        self.guest_root = tempfile.mkdtemp(prefix="fake-vcenter-guest-")
        self.files, self.transfers, self.processes = {}, {}, {}
        self.objects = {
            ("Datacenter", "datacenter-2"): {"name": "DC0", "parent": ("ref", "Folder", "group-d1")},
            ("Folder", "group-d1"): {"name": "Datacenters"},
            ("Folder", "group-v3"): {"name": "vm", "parent": ("ref", "Datacenter", "datacenter-2")},
            ("HostSystem", "host-20"): {"name": "esx1", "parent": ("ref", "ClusterComputeResource", "domain-c7")},
            ("ClusterComputeResource", "domain-c7"): {"name": "C0", "resourcePool": ("ref", "ResourcePool", "resgroup-8")},
            ("Datastore", "datastore-1"): {"name": "ds-1"},
            ("Datastore", "datastore-9"): {"name": "ds-full"},
            ("GuestOperationsManager", "guestOperationsManager"): {
                "fileManager": ("ref", "GuestFileManager", "guestOperationsFileManager"),
                "processManager": ("ref", "GuestProcessManager", "guestOperationsProcessManager")},
        }
        for vm_id, name, ds in (("vm-10", "tmpl-linux", "datastore-1"), ("vm-11", "tmpl-full", "datastore-9")):
            self.objects[("VirtualMachine", vm_id)] = self.vm_props(name, ds, template=True)
        self.paths = {"DC0": ("Datacenter", "datacenter-2"), "DC0/vm": ("Folder", "group-v3"),
                      "DC0/vm/tmpl-linux": ("VirtualMachine", "vm-10"),
                      "DC0/vm/tmpl-full": ("VirtualMachine", "vm-11")}

    @staticmethod
    def vm_props(name, datastore, template=False, annotation=""):
        props = {"name": name, "parent": ("ref", "Folder", "group-v3"),
                 "datastore": ("refs", "Datastore", [datastore]),
                 "runtime.host": ("ref", "HostSystem", "host-20"),
                 "runtime.powerState": "poweredOff", "config.template": template,
                 "config.createDate": "2026-01-01T00:00:00Z", "config.hardware.numCPU": 1,
                 "config.hardware.memoryMB": 1024, "guest.toolsRunningStatus": "guestToolsNotRunning"}
        if annotation:
            props["config.annotation"] = annotation
        return props

    def new_id(self, prefix):
        self.next_id += 1
        return f"{prefix}-{self.next_id}"

    def vm(self, vm_id):
        props = self.objects.get(("VirtualMachine", vm_id))
        if props is None:
            raise Fault("ManagedObjectNotFound", "The object has already been deleted",
                        X.ref("obj", "VirtualMachine", vm_id))
        return props

    def task(self, result=None, error=None):
        task_id = self.new_id("task")
        self.tasks[task_id] = X.task_info(task_id, "error" if error else "success", result, error)
        return X.ref("returnval", "Task", task_id)

    def state(self):
        vms = [{"id": k[1], **{p: v for p, v in props.items() if isinstance(v, (str, int, bool))}}
               for k, props in self.objects.items() if k[0] == "VirtualMachine"]
        return {"vms": vms, "invalid": self.invalid, "logins": self.logins,
                "processes": [{"pid": pid, "cmd": p["cmd"], "exit": p["exit"]}
                              for pid, p in self.processes.items()],
                "guest_files": sorted(self.files)}


class Context:
    """What one SOAP call's operation may read or set besides the world."""
    Fault = Fault

    def __init__(self, port, cookie):
        self.port, self.cookie, self.session = port, cookie, None


def session_cookie(header):
    for part in (header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == "vmware_soap_session":
            return value
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    world = validator = None

    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="text/xml; charset=utf-8", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def do_POST(self):
        data = self.body()
        if self.path == "/fake/expire-sessions":
            with self.world.lock:
                self.world.sessions.clear()
            return self.reply(200, "{}", "application/json")
        if self.path.startswith("/fake/fail-next"):
            query = parse_qs(urlparse(self.path).query)
            with self.world.lock:
                self.world.fail_next.append((int(query["status"][0]), query["retry_after"][0]))
            return self.reply(200, "{}", "application/json")
        if self.path != "/sdk":
            return self.reply(404, "not found", "text/plain")
        return self.soap(data.decode("utf-8", "replace"))

    def soap(self, text):
        with self.world.lock:
            overloaded = self.world.fail_next.pop(0) if self.world.fail_next else None
        if overloaded:  # what a busy vCenter or its reverse proxy answers, not SOAP
            return self.reply(overloaded[0], "Service Unavailable", "text/plain",
                              [("Retry-After", overloaded[1])])
        problem = self.validator.check(text)
        if not problem and not (self.headers.get("SOAPAction") or "").startswith("urn:vim25/"):
            problem = "SOAPAction header missing or not urn:vim25/<version>"
        if problem:
            with self.world.lock:
                self.world.invalid.append(problem)
            return self.reply(500, X.fault("InvalidRequest", "request failed validation: " + problem))
        request = ET.fromstring(text).find(SOAPENV + "Body")[0]
        op = request.tag.split("}")[-1]
        ctx = Context(self.server.server_port, session_cookie(self.headers.get("Cookie")))
        try:
            with self.world.lock:
                if op not in fake_vim_ops.OPERATIONS:
                    raise Fault("NotImplemented", op + " is not implemented by the fake")
                if op not in fake_vim_ops.NO_SESSION and ctx.cookie not in self.world.sessions:
                    raise Fault("NotAuthenticated", "The session is not authenticated.",
                                X.ref("object", "Folder", "group-d1") + X.leaf("privilegeId", "System.View"))
                answer = X.envelope(fake_vim_ops.OPERATIONS[op](self.world, request, ctx))
        except Fault as fault:
            return self.reply(500, fault.xml)
        problem = self.validator.check(answer)
        if problem:  # a bug in the fake; the test fails on any recorded problem
            with self.world.lock:
                self.world.invalid.append(f"answer to {op}: {problem}")
        cookie = [("Set-Cookie", f"vmware_soap_session={ctx.session}; Path=/; HttpOnly; Secure")]
        return self.reply(200, answer, headers=cookie if ctx.session else ())

    def transfer(self):
        token = parse_qs(urlparse(self.path).query).get("token", [""])[0]
        with self.world.lock:
            return self.world.transfers.pop(token, None)

    def do_PUT(self):
        data, transfer = self.body(), self.transfer()
        if not transfer or transfer[0] != "put" or len(data) != transfer[1][2]:
            return self.reply(400, "bad transfer", "text/plain")
        with self.world.lock:
            self.world.files[transfer[1][:2]] = data
        return self.reply(200, "", "text/plain")

    def do_GET(self):
        if self.path == "/fake/state":
            with self.world.lock:
                return self.reply(200, json.dumps(self.world.state()), "application/json")
        transfer = self.transfer()
        if not transfer or transfer[0] != "get":
            return self.reply(400, "bad transfer", "text/plain")
        with self.world.lock:
            data = self.world.files.get(transfer[1], b"")
        return self.reply(200, data, "application/octet-stream")


def tls_context(directory):
    """A throw-away self-signed certificate for 127.0.0.1."""
    cert, key = f"{directory}/cert.pem", f"{directory}/key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, cert


def main():
    if len(sys.argv) != 7:
        raise SystemExit(__doc__)
    validator = Validator(sys.argv[1], sys.argv[2])
    if not validator.check(X.envelope('<Login xmlns="urn:vim25"><userName>u</userName></Login>')):
        raise SystemExit("vim_validate accepted an invalid Login; refusing to run unchecked")
    world = World(sys.argv[3:7])
    Handler.world, Handler.validator = world, validator
    scratch = tempfile.mkdtemp(prefix="fake-vcenter-tls-")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context, cert = tls_context(scratch)
    server.socket = context.wrap_socket(server.socket, server_side=True)

    def stop(*_):
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(world.guest_root, ignore_errors=True)
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    print(f"PORT {server.server_port} {cert}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
