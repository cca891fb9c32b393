"""Route 53 state: record sets per hosted zone, change batches, changes going PENDING -> INSYNC."""
import itertools
import threading
import time

from shapes import ApiError


def _absolute(name):
    return name if name.endswith(".") else name + "."


def _sort_key(name):
    # Route 53 lists names by their labels read right to left.
    return list(reversed(name.rstrip(".").split(".")))


class Route53State:
    def __init__(self, zones):
        self.lock = threading.Lock()
        self.zones = {}  # zone id -> {"name": "example.com.", "records": {(name, type): set}}
        for zone_id, domain in zones.items():
            apex = _absolute(domain)
            self.zones[zone_id] = {"name": apex, "records": {
                (apex, "SOA"): {"Name": apex, "Type": "SOA", "TTL": 900, "ResourceRecords": [
                    {"Value": f"ns-1.fake. hostmaster.{apex} 1 7200 900 1209600 86400"}]},
                (apex, "NS"): {"Name": apex, "Type": "NS", "TTL": 172800,
                               "ResourceRecords": [{"Value": "ns-1.fake."}]},
            }}
        self.changes = {}  # change id -> polls left before INSYNC
        self.counter = itertools.count(1)
        self.pending_polls = 1

    def _zone(self, zone_id):
        if zone_id not in self.zones:
            raise ApiError("NoSuchHostedZone", f"No hosted zone found with ID: {zone_id}", 404)
        return self.zones[zone_id]

    def change_resource_record_sets(self, p):
        with self.lock:
            zone = self._zone(p["HostedZoneId"])
            staged = dict(zone["records"])
            for change in p["ChangeBatch"]["Changes"]:
                self._apply(zone["name"], staged, change["Action"], change["ResourceRecordSet"])
            zone["records"] = staged  # a batch applies atomically
            change_id = f"C{next(self.counter):012d}"
            self.changes[change_id] = self.pending_polls
            return {"ChangeInfo": {"Id": f"/change/{change_id}", "Status": "PENDING",
                                   "SubmittedAt": int(time.time()),
                                   "Comment": p["ChangeBatch"].get("Comment")}}

    @staticmethod
    def _apply(apex, records, action, rrset):
        name = _absolute(rrset["Name"])
        key = (name, rrset["Type"])
        if not (name == apex or name.endswith("." + apex)):
            raise ApiError("InvalidChangeBatch",
                           f"RRSet with DNS name {name} is not permitted in zone {apex}")
        if "TTL" not in rrset or not rrset.get("ResourceRecords"):
            raise ApiError("InvalidInput", "TTL and ResourceRecords are required")
        stored = dict(rrset, Name=name)
        if action == "CREATE" and key in records:
            raise ApiError("InvalidChangeBatch", f"Tried to create resource record set "
                           f"[name='{name}', type='{rrset['Type']}'] but it already exists")
        if action == "DELETE":
            if records.get(key) != stored:
                raise ApiError("InvalidChangeBatch", f"Tried to delete resource record set "
                               f"[name='{name}', type='{rrset['Type']}'] but it was not found")
            del records[key]
        else:
            records[key] = stored

    def get_change(self, p):
        with self.lock:
            change_id = p["Id"].split("/")[-1]
            if change_id not in self.changes:
                raise ApiError("NoSuchChange", f"A change with the specified change ID does not "
                               f"exist: {change_id}", 404)
            left = self.changes[change_id]
            self.changes[change_id] = max(0, left - 1)
            return {"ChangeInfo": {"Id": f"/change/{change_id}",
                                   "Status": "PENDING" if left > 0 else "INSYNC",
                                   "SubmittedAt": int(time.time())}}

    def list_resource_record_sets(self, p):
        with self.lock:
            zone = self._zone(p["HostedZoneId"])
            ordered = sorted(zone["records"].values(),
                             key=lambda r: (_sort_key(r["Name"]), r["Type"]))
            if "StartRecordName" in p:
                start = (_sort_key(_absolute(p["StartRecordName"])), p.get("StartRecordType", ""))
                ordered = [r for r in ordered if (_sort_key(r["Name"]), r["Type"]) >= start]
            size = int(p.get("MaxItems", "100"))
            page, rest = ordered[:size], ordered[size:]
            out = {"ResourceRecordSets": page, "IsTruncated": bool(rest), "MaxItems": str(size)}
            if rest:
                out["NextRecordName"], out["NextRecordType"] = rest[0]["Name"], rest[0]["Type"]
            return out

    def snapshot(self):
        with self.lock:
            return {zid: sorted(z["records"].values(), key=lambda r: (r["Name"], r["Type"]))
                    for zid, z in self.zones.items()}


# operation -> (method name, output shape, XML root element)
OPERATIONS = {
    "ChangeResourceRecordSets": ("change_resource_record_sets",
                                 "ChangeResourceRecordSetsResponse",
                                 "ChangeResourceRecordSetsResponse"),
    "GetChange": ("get_change", "GetChangeResponse", "GetChangeResponse"),
    "ListResourceRecordSets": ("list_resource_record_sets", "ListResourceRecordSetsResponse",
                               "ListResourceRecordSetsResponse"),
}
