#!/usr/bin/env python3
"""The fake's request validator refuses what the real API refuses: unknown paths, methods and
parameters, missing required parameters, and values of the wrong type, range, enum, length or
format -- and accepts the requests the plugin sends. Usage: pve_spec_test.py APIDATA_JSON"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pve_spec import Spec  # noqa: E402

SPEC = None
CLONE = "/nodes/pve1/qemu/9000/clone"
CONFIG = "/nodes/pve1/qemu/1000/config"
UPID = "UPID:pve1:00001234:00005678:65000001:qmclone:9000:tidepool@pve!autoscale:"


def errors(method, path, **params):
    values = {k.replace("_", "-"): v if isinstance(v, list) else [v] for k, v in params.items()}
    return SPEC.validate(method, path, values)[2]


class Accepts(unittest.TestCase):
    def test_what_the_plugin_sends(self):
        self.assertEqual(errors("GET", "/cluster/resources", type="vm"), {})
        self.assertEqual(errors("POST", CLONE, newid="1000", name="tp-a", full="0",
                                description="x\ny", target="pve2", pool="p", storage="ceph"), {})
        self.assertEqual(errors("PUT", CONFIG, cores="4", memory="8192", agent="1",
                                tags="tidepool;tidepool-ready", description="d"), {})
        self.assertEqual(errors("GET", "/nodes/pve1/tasks/%s/status" % UPID), {})
        self.assertEqual(errors("POST", "/nodes/pve1/qemu/1000/agent/exec",
                                command=["/bin/bash", "/tmp/x.sh"]), {})
        self.assertEqual(errors("GET", "/nodes/pve1/qemu/1000/agent/exec-status", pid="4001"), {})
        self.assertEqual(errors("DELETE", "/nodes/pve1/qemu/1000", purge="1",
                                destroy_unreferenced_disks="1"), {})


class Refuses(unittest.TestCase):
    def test_unknown_path_and_method(self):
        self.assertIn("path", errors("GET", "/nodes/pve1/qemu/1000/teleport"))
        self.assertIn("method", errors("PATCH", CONFIG))

    def test_unknown_parameter(self):
        self.assertIn("colour", errors("POST", CLONE, newid="1000", colour="blue"))

    def test_missing_required_parameter(self):
        self.assertIn("newid", errors("POST", CLONE, name="tp-a"))
        self.assertIn("content", errors("POST", "/nodes/pve1/qemu/1000/agent/file-write",
                                        file="/tmp/x"))

    def test_types_ranges_and_enums(self):
        self.assertIn("newid", errors("POST", CLONE, newid="abc"))
        self.assertIn("newid", errors("POST", CLONE, newid="99"))
        self.assertIn("full", errors("POST", CLONE, newid="1000", full="maybe"))
        self.assertIn("cores", errors("PUT", CONFIG, cores="0"))
        self.assertIn("type", errors("GET", "/cluster/resources", type="vms"))

    def test_formats_and_lengths(self):
        self.assertIn("name", errors("POST", CLONE, newid="1000", name="not a dns name"))
        self.assertIn("node", errors("POST", "/nodes/pve_1/qemu/9000/clone", newid="1000"))
        self.assertIn("tags", errors("PUT", CONFIG, tags="key=value"))
        self.assertIn("memory", errors("PUT", CONFIG, memory="8"))  # below 16 MiB
        self.assertIn("agent", errors("PUT", CONFIG, agent="enabled=1,colour=blue"))
        self.assertIn("description", errors("PUT", CONFIG, description="x" * 8193))

    def test_repeated_scalar(self):
        self.assertIn("newid", errors("POST", CLONE, newid=["1000", "1001"]))


if __name__ == "__main__":
    SPEC = Spec(sys.argv.pop(1))
    unittest.main(verbosity=1)
