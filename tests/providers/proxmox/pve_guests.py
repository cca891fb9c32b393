"""VM lifecycle and guest-agent operations of the fake Proxmox cluster (see pve_cluster.py)."""

import ntpath
import posixpath

from pve_cluster import GUEST_DIRS, NODES, POOLS, STORAGES, ApiError, Cluster, _flag


class Guests(Cluster):
    # ---- clone ---------------------------------------------------------------------------

    def clone(self, node, vmid, p):
        source = self.vm_at(node, vmid)
        newid = int(p["newid"])
        full = _flag(p.get("full", "0" if source["template"] else "1"))
        if "storage" in p and not full:
            raise ApiError(400, "Parameter verification failed. storage: "
                                "only allowed for full clones")
        if not full and not source["template"]:
            raise ApiError(500, "Linked clone feature for VM %s is only available on templates" % vmid)
        target = p.get("target", node)
        if target not in NODES:
            raise ApiError(500, "no such cluster node '%s'" % target)
        if "pool" in p and p["pool"] not in POOLS:
            raise ApiError(500, "pool '%s' does not exist" % p["pool"])
        if "storage" in p and p["storage"] not in STORAGES:
            raise ApiError(500, "storage '%s' does not exist" % p["storage"])
        steal = self.fault("steal_vmid")
        if steal and steal.get("when", "before") == "before":
            self._add_vm(newid, "intruder-%d" % newid, "pve2", status="running")
        if newid in self.vms or newid == 150:
            raise ApiError(500, "VM %d already exists on node '%s'" % (newid, self.vms[newid]["node"]
                                                                      if newid in self.vms else "pve2"))
        return self._clone_task(node, source, newid, target, p, steal)

    def _clone_task(self, node, source, newid, target, p, steal):
        fail = self.fault("clone_task_fails")
        if steal and steal.get("when") == "during":
            # Another client clones into the same ID while our task runs: it wins.
            def lost():
                self._add_vm(newid, "intruder-%d" % newid, "pve2", status="running")
            return self.start_task(node, "qmclone", source["vmid"], lost,
                                   "unable to create VM %d: config file already exists" % newid)
        vm = self._add_vm(newid, p.get("name", "Copy-of-VM-%s" % source["name"]), target,
                          lock="clone")
        vm["config"].update({k: v for k, v in source["config"].items() if k != "name"})
        vm["config"]["description"] = p.get("description", "")
        vm["config"]["tags"] = ""

        def done():
            vm["lock"] = ""
            if fail and not fail.get("leave_vm"):
                del self.vms[newid]
        status = fail.get("message", "clone failed: no space left on device") if fail else "OK"
        return self.start_task(node, "qmclone", source["vmid"], done, status)

    # ---- config and power ----------------------------------------------------------------

    def config(self, node, vmid):
        if self.fault("vm_vanishes"):
            # Another client destroyed the VM between the plugin's listing and this read.
            self.vms.pop(int(vmid), None)
        vm = self.vm_at(node, vmid)
        data = dict(vm["config"])
        data["digest"] = "%040x" % (hash(tuple(sorted(data.items()))) & (2**160 - 1))
        if not data["tags"]:
            del data["tags"]
        return data

    def set_config(self, node, vmid, p):
        vm = self.vm_at(node, vmid)
        if vm["lock"]:
            raise ApiError(500, "VM is locked (%s)" % vm["lock"])
        for key, value in p.items():
            vm["config"][key] = value

    def start(self, node, vmid):
        vm = self.vm_at(node, vmid)
        if vm["lock"]:
            raise ApiError(500, "VM is locked (%s)" % vm["lock"])
        if vm["status"] == "running":
            raise ApiError(500, "VM %s already running" % vmid)
        pings = int(self.faults.get("agent_boot_pings", {}).get("value", 2))

        def running():
            vm["status"] = "running"
            vm["agent_pings_left"] = pings
        return self.start_task(node, "qmstart", vmid, running)

    def stop(self, node, vmid):
        vm = self.vm_at(node, vmid)

        def stopped():
            vm["status"] = "stopped"
        return self.start_task(node, "qmstop", vmid, stopped)

    def destroy(self, node, vmid):
        vm = self.vm_at(node, vmid)
        if vm["status"] == "running":
            raise ApiError(500, "VM %s is running - destroy failed" % vmid)
        if vm["lock"]:
            raise ApiError(500, "VM is locked (%s)" % vm["lock"])
        vm["lock"] = "destroyed"

        def gone():
            self.vms.pop(int(vmid), None)
        return self.start_task(node, "qmdestroy", vmid, gone)

    # ---- guest agent ---------------------------------------------------------------------

    def _agent(self, node, vmid):
        vm = self.vm_at(node, vmid)
        enabled = vm["config"].get("agent", "0").split(",")[0].replace("enabled=", "")
        if not _flag(enabled):
            raise ApiError(500, "No QEMU guest agent configured")
        if vm["status"] != "running":
            raise ApiError(500, "VM %s is not running" % vmid)
        if self.faults.get("agent_down", {}).get("value") or vm["agent_pings_left"] > 0:
            vm["agent_pings_left"] = max(0, vm["agent_pings_left"] - 1)
            raise ApiError(500, "QEMU guest agent is not running")
        return vm

    def ping(self, node, vmid):
        self._agent(node, vmid)
        return {"result": {}}

    def file_write(self, node, vmid, p):
        vm = self._agent(node, vmid)
        path = p["file"]
        folder = ntpath.dirname(path) if "\\" in path else posixpath.dirname(path)
        if folder not in GUEST_DIRS:
            raise ApiError(500, "guest-file-open failed: No such file or directory")
        self.files[(vm["vmid"], path)] = p["content"]

    def exec(self, node, vmid, command):
        vm = self._agent(node, vmid)
        self.executed.append({"vmid": vm["vmid"], "command": command})
        self.next_pid += 1
        script = command[-1]
        if command[0] not in ("/bin/bash", "powershell.exe") or (vm["vmid"], script) not in self.files:
            outcome = {"exitcode": 127, "err-data": "%s: No such file or directory\n" % script}
        else:
            armed = self.fault("script_fails")
            outcome = {"exitcode": 0, "out-data": "checked in\n"} if not armed else {
                "exitcode": armed.get("exitcode", 1), "out-data": armed.get("out", ""),
                "err-data": armed.get("err", "")}
        self.processes[(vm["vmid"], self.next_pid)] = dict(outcome, polls_left=1)
        return {"pid": self.next_pid}

    def exec_status(self, node, vmid, pid):
        vm = self._agent(node, vmid)
        process = self.processes.get((vm["vmid"], int(pid)))
        if process is None:
            raise ApiError(500, "Agent error: Invalid parameter 'pid'")
        if process["polls_left"] > 0:
            process["polls_left"] -= 1
            return {"exited": 0}
        return dict({k: v for k, v in process.items() if k != "polls_left"}, exited=1)

    def interfaces(self, node, vmid):
        vm = self._agent(node, vmid)
        return {"result": [
            {"name": "lo", "ip-addresses": [{"ip-address-type": "ipv4", "ip-address": "127.0.0.1",
                                             "prefix": 8}]},
            {"name": "eth0", "hardware-address": "bc:24:11:00:00:01", "ip-addresses": [
                {"ip-address-type": "ipv4", "ip-address": "10.20.%d.%d" % divmod(vm["vmid"] % 65000, 250),
                 "prefix": 24}]}]}
