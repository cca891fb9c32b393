"""The state behind the fake Proxmox endpoint: nodes, VMs, tasks and each guest's agent.

Handlers take validated parameters and return data or raise ApiError(status, message), which
the server sends the way pve-http-server does (the message in the HTTP status line, the body
{"data": null}). A task finishes after a fixed number of status polls, so a client that follows
it sees the same sequence however fast the machine is; a task nobody follows (its client was
killed) finishes in the background after BACKGROUND_TASK_S, as on a real node. Faults are
armed through the control endpoint.
"""

import threading
import time


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


BACKGROUND_TASK_S = 3.0
NODES = ("pve1", "pve2")
POOLS = ("tidepool-pool",)
STORAGES = ("local-lvm", "ceph")
GUEST_DIRS = ("/tmp", "/var/tmp", "C:\\Windows\\Temp")
SEED_VMS = (
    # vmid, name, node, template
    (9000, "ubuntu-template", "pve1", True),
    (9001, "windows-template", "pve1", True),
    (100, "prod-db", "pve1", False),
)


def _flag(text):
    return text.lower() in ("1", "true", "yes", "on")


class Cluster:
    def __init__(self, token_user):
        self.lock = threading.Lock()
        self.token_user = token_user  # "user@realm!name", as UPIDs carry it
        self.reset()

    def reset(self):
        self.vms = {}
        self.tasks = {}
        self.processes = {}
        self.files = {}          # (vmid, path) -> content
        self.executed = []       # (vmid, command) per agent/exec
        self.rejections = []     # requests refused by validation (a plugin bug)
        self.requests = 0
        self.faults = {}
        self.next_pid = 4000
        self.task_counter = 0
        for vmid, name, node, template in SEED_VMS:
            self._add_vm(vmid, name, node, template=template, status="stopped")
        self.vms[100]["status"] = "running"

    def _add_vm(self, vmid, name, node, template=False, status="stopped", lock=""):
        self.vms[vmid] = {
            "vmid": vmid, "name": name, "node": node, "template": template,
            "status": status, "lock": lock, "agent_pings_left": 0,
            "config": {"name": name, "cores": "1", "memory": "2048", "agent": "0",
                       "description": "", "tags": ""},
        }
        return self.vms[vmid]

    def fault(self, name):
        """Consumes one shot of an armed fault, returning its settings (or None)."""
        armed = self.faults.get(name)
        if armed is None:
            return None
        armed["count"] = armed.get("count", 1) - 1
        if armed["count"] <= 0:
            del self.faults[name]
        return armed

    # ---- lookups -------------------------------------------------------------------------

    def vm_at(self, node, vmid):
        vm = self.vms.get(int(vmid))
        if vm is None or vm["node"] != node:
            raise ApiError(500, "Configuration file 'nodes/%s/qemu-server/%s.conf' does not exist"
                           % (node, vmid))
        return vm

    def check_node(self, node):
        if node not in NODES:
            raise ApiError(595, "no such cluster node '%s'" % node)

    # ---- tasks ---------------------------------------------------------------------------

    def start_task(self, node, kind, vmid, finish, exit_status="OK"):
        self.task_counter += 1
        upid = "UPID:%s:%08X:%08X:%08X:%s:%s:%s:" % (
            node, 1000 + self.task_counter, 20000 + self.task_counter, 0x65000000 + self.task_counter,
            kind, vmid, self.token_user)
        polls = int(self.faults.get("task_polls", {}).get("value", 1))
        self.tasks[upid] = {"node": node, "kind": kind, "id": str(vmid), "polls_left": polls,
                            "finish": finish, "exitstatus": exit_status, "done": False,
                            "started": time.monotonic()}
        return upid

    def _finish(self, task):
        task["done"] = True
        if task["finish"]:
            task["finish"]()

    def advance(self):
        """Finishes the tasks no client has followed for BACKGROUND_TASK_S."""
        now = time.monotonic()
        for task in self.tasks.values():
            if not task["done"] and now - task["started"] >= BACKGROUND_TASK_S:
                self._finish(task)

    def task_status(self, node, upid):
        task = self.tasks.get(upid)
        if task is None:
            raise ApiError(500, "no such task")
        if task["node"] != node:
            raise ApiError(500, "task '%s' runs on node '%s'" % (upid, task["node"]))
        if not task["done"] and task["polls_left"] <= 0:
            self._finish(task)
        task["polls_left"] -= 1
        task["started"] = time.monotonic()  # followed: only polls finish it
        data = {"upid": upid, "node": node, "type": task["kind"], "id": task["id"],
                "user": self.token_user, "pid": 1000, "pstart": 20000, "starttime": 0x65000000,
                "status": "stopped" if task["done"] else "running"}
        if task["done"]:
            data["exitstatus"] = task["exitstatus"]
        return data

    # ---- cluster -------------------------------------------------------------------------

    def resources(self, kind):
        if kind not in (None, "vm"):
            return []
        out = []
        for vm in sorted(self.vms.values(), key=lambda v: v["vmid"]):
            item = {"id": "qemu/%d" % vm["vmid"], "type": "qemu", "vmid": vm["vmid"],
                    "name": vm["name"], "node": vm["node"], "status": vm["status"],
                    "template": 1 if vm["template"] else 0, "maxcpu": int(vm["config"]["cores"]),
                    "maxmem": int(vm["config"]["memory"].split("=")[-1]) * 1024 * 1024}
            if vm["lock"]:
                item["lock"] = vm["lock"]
            if vm["config"]["tags"]:
                item["tags"] = vm["config"]["tags"]
            out.append(item)
        # An LXC container in the listing proves the plugin skips non-QEMU guests.
        out.append({"id": "lxc/150", "type": "lxc", "vmid": 150, "name": "ct-web", "node": "pve2",
                    "status": "running", "template": 0})
        return out

    def next_id(self):
        vmid = 100
        while vmid in self.vms or vmid == 150:
            vmid += 1
        return vmid
