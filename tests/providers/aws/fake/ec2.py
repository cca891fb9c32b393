"""EC2 state: instances with tags, client tokens, lifecycle, paging and Windows passwords."""
import base64
import itertools
import subprocess
import threading
import time

from shapes import ApiError

PAGE_TOKEN_PREFIX = "page-"


class Ec2State:
    def __init__(self, password_public_key=None, windows_password="Tidepool-Fake-Pw1!"):
        self.lock = threading.Lock()
        self.instances = {}  # id -> dict
        self.by_token = {}   # client token -> id
        self.counter = itertools.count(1)
        self.boot_seconds = 0.0
        self.max_page = 1000  # tests lower it to exercise NextToken paging
        self.drop_tags = False  # tests set it to mimic a launch whose tags did not stick
        self.password_public_key = password_public_key
        self.windows_password = windows_password

    # --- helpers ----------------------------------------------------------------------------
    def _advance(self, instance):
        now = time.time()
        if instance["state"] == "pending" and now - instance["launched"] >= self.boot_seconds:
            instance["state"] = "running"
        elif instance["state"] == "shutting-down" and instance["seen"]:
            instance["state"] = "terminated"
        instance["seen"] = True

    def _view(self, i):
        out = {
            "InstanceId": i["id"], "ImageId": i["ami"], "InstanceType": i["type"],
            "State": {"Code": {"pending": 0, "running": 16, "shutting-down": 32,
                               "terminated": 48}[i["state"]], "Name": i["state"]},
            "LaunchTime": i["launched"], "ClientToken": i["token"],
            "Tags": [{"Key": k, "Value": v} for k, v in i["tags"].items()],
            "AmiLaunchIndex": 0,
        }
        if i["key_name"]:
            out["KeyName"] = i["key_name"]
        if i["state"] != "terminated":
            out["PrivateIpAddress"] = i["ip"]
            out["PrivateDnsName"] = f"ip-{i['ip'].replace('.', '-')}.ec2.internal"
        if i["state"] == "terminated":
            out["StateReason"] = {"Code": "Client.UserInitiatedShutdown",
                                  "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}
        return out

    def _get(self, instance_id):
        if not instance_id.startswith("i-"):
            raise ApiError("InvalidInstanceID.Malformed", f'Invalid id: "{instance_id}"')
        if instance_id not in self.instances:
            raise ApiError("InvalidInstanceID.NotFound",
                           f"The instance ID '{instance_id}' does not exist")
        return self.instances[instance_id]

    @staticmethod
    def _reservation(instances):
        return {"ReservationId": "r-" + instances[0]["InstanceId"][2:], "OwnerId": "123456789012",
                "Instances": instances}

    # --- operations -------------------------------------------------------------------------
    def run_instances(self, p):
        if p["MinCount"] != 1 or p["MaxCount"] != 1:
            raise ApiError("InvalidParameterCombination", "the fake launches one at a time")
        if not p.get("ImageId", "").startswith("ami-"):
            raise ApiError("InvalidAMIID.Malformed", f"Invalid id: \"{p.get('ImageId')}\"")
        with self.lock:
            token = p.get("ClientToken")
            if token and token in self.by_token:
                existing = self.instances[self.by_token[token]]
                if existing["ami"] != p["ImageId"]:
                    raise ApiError("IdempotentParameterMismatch",
                                   "client token reused with different parameters")
                return self._reservation([self._view(existing)])
            n = next(self.counter)
            tags = {}
            for spec in p.get("TagSpecifications", []):
                if spec.get("ResourceType") == "instance":
                    tags.update({t["Key"]: t.get("Value", "") for t in spec.get("Tags", [])})
            if self.drop_tags:
                tags = {}
            instance = {"id": f"i-{n:017x}", "ami": p["ImageId"],
                        "type": p.get("InstanceType", "m1.small"), "state": "pending",
                        "launched": int(time.time()), "token": token or "", "tags": tags,
                        "key_name": p.get("KeyName", ""), "ip": f"10.0.{n // 250}.{n % 250 + 4}",
                        "user_data": p.get("UserData", ""), "seen": False, "request": p}
            self.instances[instance["id"]] = instance
            if token:
                self.by_token[token] = instance["id"]
            return self._reservation([self._view(instance)])

    def _matches(self, instance, filters):
        for f in filters:
            name, values = f.get("Name", ""), f.get("Values", [])
            if name.startswith("tag:"):
                actual = instance["tags"].get(name[4:])
            elif name == "instance-state-name":
                actual = instance["state"]
            elif name == "client-token":
                actual = instance["token"]
            else:
                raise ApiError("InvalidParameterValue", f"The filter '{name}' is invalid")
            if actual not in values:
                return False
        return True

    def describe_instances(self, p):
        if "InstanceIds" in p and "MaxResults" in p:
            raise ApiError("InvalidParameterCombination",
                           "The parameter instancesSet cannot be used with the parameter maxResults")
        with self.lock:
            if "InstanceIds" in p:
                chosen = [self._get(i) for i in p["InstanceIds"]]
            else:
                chosen = [i for i in self.instances.values()
                          if self._matches(i, p.get("Filters", []))]
            start = 0
            if "NextToken" in p:
                if not p["NextToken"].startswith(PAGE_TOKEN_PREFIX):
                    raise ApiError("InvalidParameterValue", "bad NextToken")
                start = int(p["NextToken"][len(PAGE_TOKEN_PREFIX):])
            size = p.get("MaxResults", 1000)
            if "MaxResults" in p and not 5 <= size <= 1000:
                raise ApiError("InvalidParameterValue", "MaxResults must be 5..1000")
            size = min(size, self.max_page)
            page = chosen[start:start + size]
            for i in page:
                self._advance(i)
            out = {"Reservations": [self._reservation([self._view(i)]) for i in page]}
            if start + size < len(chosen):
                out["NextToken"] = f"{PAGE_TOKEN_PREFIX}{start + size}"
            return out

    def terminate_instances(self, p):
        with self.lock:
            changes = []
            for instance_id in p["InstanceIds"]:
                i = self._get(instance_id)
                before = i["state"]
                if before != "terminated":
                    i["state"], i["seen"] = "shutting-down", False
                changes.append({"InstanceId": i["id"], "PreviousState": {"Name": before},
                                "CurrentState": {"Name": i["state"]}})
            return {"TerminatingInstances": changes}

    def create_tags(self, p):
        with self.lock:
            for resource in p["Resources"]:
                i = self._get(resource)
                i["tags"].update({t["Key"]: t.get("Value", "") for t in p["Tags"]})
            return {}

    def get_password_data(self, p):
        with self.lock:
            i = self._get(p["InstanceId"])
            data = ""
            if i["state"] == "running" and i["key_name"] and self.password_public_key:
                data = self._encrypt(self.windows_password)
            return {"InstanceId": i["id"], "Timestamp": int(time.time()), "PasswordData": data}

    def _encrypt(self, password):
        # Python's stdlib has no RSA: the openssl CLI encrypts like EC2 does (PKCS#1 v1.5).
        out = subprocess.run(["openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey",
                              self.password_public_key, "-pkeyopt", "rsa_padding_mode:pkcs1"],
                             input=password.encode(), capture_output=True, check=True)
        return base64.b64encode(out.stdout).decode()

    def snapshot(self):
        with self.lock:
            return [{k: v for k, v in i.items() if k != "seen"} for i in self.instances.values()]


OPERATIONS = {
    "RunInstances": ("run_instances", "Reservation"),
    "DescribeInstances": ("describe_instances", "DescribeInstancesResult"),
    "TerminateInstances": ("terminate_instances", "TerminateInstancesResult"),
    "CreateTags": ("create_tags", None),
    "GetPasswordData": ("get_password_data", "GetPasswordDataResult"),
}
