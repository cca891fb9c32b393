"""Validation of requests against the official botocore models, and spec-shaped XML answers.

ApiError carries the AWS error code the real service would answer with; the server turns it
into the protocol's error envelope.
"""
import base64
import datetime
import json
import re
import xml.etree.ElementTree as ET


class ApiError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class Model:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.metadata = data["metadata"]
        self.operations = data["operations"]
        self.shapes = data["shapes"]

    def shape(self, ref):
        return self.shapes[ref["shape"]]


# --- scalars -------------------------------------------------------------------------------------

def _scalar(shape, text, where):
    kind = shape["type"]
    if kind in ("integer", "long"):
        if not re.fullmatch(r"-?\d+", text):
            raise ApiError("InvalidParameterValue", f"{where}: '{text}' is not an integer")
        value = int(text)
        if "min" in shape and value < shape["min"]:
            raise ApiError("InvalidParameterValue", f"{where}: {value} is below {shape['min']}")
        return value
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ApiError("InvalidParameterValue", f"{where}: '{text}' is not a boolean")
        return text == "true"
    if kind in ("float", "double"):
        try:
            return float(text)
        except ValueError:
            raise ApiError("InvalidParameterValue", f"{where}: '{text}' is not a number")
    if kind == "timestamp":
        try:
            datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError("InvalidParameterValue", f"{where}: '{text}' is not a timestamp")
        return text
    if kind == "blob":
        try:
            return base64.b64decode(text, validate=True)
        except ValueError:
            raise ApiError("InvalidParameterValue", f"{where}: not base64")
    if kind == "string":
        if "enum" in shape and text not in shape["enum"]:
            raise ApiError("InvalidParameterValue",
                           f"{where}: '{text}' is not one of {', '.join(shape['enum'][:8])}...")
        return text
    raise ApiError("InvalidParameterValue", f"{where}: unsupported shape type {kind}")


def check_required(model, shape, value, where):
    """Every required member present, recursively; lists' elements too."""
    if shape["type"] == "structure":
        for name in shape.get("required", []):
            if name not in value:
                raise ApiError("MissingParameter",
                               f"The request must contain the parameter {where}{name}")
        for name, member in value.items():
            check_required(model, model.shape(shape["members"][name]), member,
                           f"{where}{name}.")
    elif shape["type"] == "list":
        for i, item in enumerate(value, 1):
            check_required(model, model.shape(shape["member"]), item, f"{where}{i}.")


# --- EC2 query -----------------------------------------------------------------------------------

def _ec2_wire_name(name, ref):
    if "queryName" in ref:
        return ref["queryName"]
    location = ref.get("locationName", name)
    return location[0].upper() + location[1:]


def _ec2_insert(model, shape, target, parts, text, where):
    kind = shape["type"]
    if kind == "structure":
        members = {_ec2_wire_name(n, r): (n, r) for n, r in shape["members"].items()}
        if parts[0] not in members:
            raise ApiError("UnknownParameter", f"The parameter {where}{parts[0]} is not recognized")
        name, ref = members[parts[0]]
        child_shape = model.shape(ref)
        if len(parts) == 1:
            if child_shape["type"] in ("structure", "list"):
                raise ApiError("InvalidParameterValue", f"{where}{parts[0]} needs sub-members")
            target[name] = _scalar(child_shape, text, where + parts[0])
            return
        default = {} if child_shape["type"] == "structure" else {}
        child = target.setdefault(name, default)
        _ec2_insert(model, child_shape, child, parts[1:], text, f"{where}{parts[0]}.")
    elif kind == "list":
        if not parts[0].isdigit() or int(parts[0]) < 1:
            raise ApiError("InvalidParameterValue", f"{where}{parts[0]}: list index expected")
        member = model.shape(shape["member"])
        index = int(parts[0])
        if len(parts) == 1:
            target[index] = _scalar(member, text, where + parts[0])
        else:
            child = target.setdefault(index, {})
            _ec2_insert(model, member, child, parts[1:], text, f"{where}{parts[0]}.")
    else:
        raise ApiError("UnknownParameter", f"The parameter {where}{'.'.join(parts)} is not recognized")


def _lists_from_indices(model, shape, value, where):
    """Turns {1: a, 2: b} built for lists into [a, b], insisting on 1..n without gaps."""
    if shape["type"] == "list":
        keys = sorted(value)
        if keys != list(range(1, len(keys) + 1)):
            raise ApiError("InvalidParameterValue", f"{where}: list indices must run 1..n")
        member = model.shape(shape["member"])
        return [_lists_from_indices(model, member, value[k], f"{where}.{k}") for k in keys]
    if shape["type"] == "structure" and isinstance(value, dict):
        return {n: _lists_from_indices(model, model.shape(shape["members"][n]), v, f"{where}.{n}")
                for n, v in value.items()}
    return value


def parse_ec2_query(model, pairs):
    """Validates a form-decoded EC2 request; returns (action, params keyed by member name)."""
    fields = {}
    for key, value in pairs:
        if key in fields:
            raise ApiError("InvalidParameterValue", f"parameter {key} given twice")
        fields[key] = value
    action, version = fields.pop("Action", None), fields.pop("Version", None)
    if action not in model.operations:
        raise ApiError("InvalidAction", f"The action {action} is not valid for this web service.")
    if version != model.metadata["apiVersion"]:
        raise ApiError("InvalidParameterValue", f"Version {version} is not "
                       f"{model.metadata['apiVersion']}")
    shape = model.shapes[model.operations[action]["input"]["shape"]]
    params = {}
    for key, value in fields.items():
        _ec2_insert(model, shape, params, key.split("."), value, "")
    params = _lists_from_indices(model, shape, params, "")
    check_required(model, shape, params, "")
    return action, params


# --- XML (rest-xml requests, every response) ----------------------------------------------------

def _local(tag):
    return tag.split("}", 1)[-1]


def parse_xml_input(model, shape, element, where):
    """A rest-xml request body as a dict keyed by member name; unknown elements are refused."""
    kind = shape["type"]
    if kind == "structure":
        by_wire = {r.get("locationName", n): (n, r) for n, r in shape["members"].items()
                   if "location" not in r}
        out = {}
        for child in element:
            name = _local(child.tag)
            if name not in by_wire:
                raise ApiError("InvalidInput", f"Unknown element {where}/{name}")
            member, ref = by_wire[name]
            out[member] = parse_xml_input(model, model.shape(ref), child, f"{where}/{name}")
        return out
    if kind == "list":
        ref = shape["member"]
        wanted = ref.get("locationName", "member")
        items = []
        for child in element:
            if _local(child.tag) != wanted:
                raise ApiError("InvalidInput", f"{where}: expected <{wanted}>, got {child.tag}")
            items.append(parse_xml_input(model, model.shape(ref), child, f"{where}/{wanted}"))
        return items
    value = _scalar(shape, element.text or "", where)
    if kind == "string":
        for limit, test in (("min", lambda v, m: len(v) < m), ("max", lambda v, m: len(v) > m)):
            if limit in shape and test(value, shape[limit]):
                raise ApiError("InvalidInput", f"{where}: length outside {limit} {shape[limit]}")
    return value


def _xml_value(model, shape, value, element):
    kind = shape["type"]
    if kind == "structure":
        for name, ref in shape["members"].items():
            if name in value and value[name] is not None and "location" not in ref:
                child = ET.SubElement(element, ref.get("locationName", name))
                _xml_value(model, model.shape(ref), value[name], child)
    elif kind == "list":
        ref = shape["member"]
        for item in value:
            child = ET.SubElement(element, ref.get("locationName", "member"))
            _xml_value(model, model.shape(ref), item, child)
    elif kind == "boolean":
        element.text = "true" if value else "false"
    elif kind == "timestamp":
        element.text = datetime.datetime.fromtimestamp(value, datetime.timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%S.000Z")
    else:
        element.text = str(value)


def xml_response(model, shape_name, root_name, value, namespace):
    """Serializes value (keyed by member names) under the output shape, as AWS answers."""
    root = ET.Element(root_name, xmlns=namespace)
    _xml_value(model, model.shapes[shape_name], value, root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)
