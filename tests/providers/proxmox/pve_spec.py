"""Validates Proxmox VE API requests against the official API schema (apidata.json).

The schema is the tree the Proxmox API viewer is generated from: every node has a path
template ("/nodes/{node}/qemu/{vmid}/clone") and, per HTTP method, the parameters with their
JSON-schema-like types. A request is checked the way the real pve-http-server checks it:
the path must exist for the method, every parameter (path parameters included) must be
declared, required ones must be present, and each value must fit its type, enum, range,
length, pattern and format. Formats that are property strings ("[enabled=]<1|0>[,type=...]")
are parsed key by key. Errors come back as {parameter: reason}, the shape of the API's own
400 answers.
"""

import json
import re

# PVE's string formats the plugin touches, as pve-common defines them.
_NODE = r"[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?"
_TAG = r"[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*"
FORMATS = {
    "pve-node": re.compile(_NODE),
    "dns-name": re.compile(r"(" + _NODE + r"\.)*" + _NODE),
    "pve-poolid": re.compile(r"[A-Za-z0-9_\-]+"),
    "pve-storage-id": re.compile(r"[a-z][a-z0-9\-_.]*[a-z0-9]"),
    "pve-configid": re.compile(r"[a-z][a-z0-9_]+"),
    "pve-tag-list": re.compile(r"(" + _TAG + r")([;, ]+" + _TAG + r")*"),
    "pve-configid-list": re.compile(r"[a-z][a-z0-9_]+([,; ][a-z][a-z0-9_]+)*"),
}
_BOOL = re.compile(r"(?i)(1|0|true|false|yes|no|on|off)")
_INT = re.compile(r"[+-]?\d+")


def _python_regex(perl):
    """PVE patterns are Perl regexes; (?^:...) and (?^i:...) are Perl's flag groups."""
    return re.compile(perl.replace("(?^i:", "(?i:").replace("(?^:", "(?:"))


def _number(text, integer):
    if integer:
        if not _INT.fullmatch(text):
            return None
        return int(text)
    try:
        return float(text)
    except ValueError:
        return None


def check_value(schema, text):
    """The reason text does not fit schema (a parameter's or a property string key's), or None."""
    kind = schema.get("type", "string")
    if kind in ("integer", "number"):
        value = _number(text, kind == "integer")
        if value is None:
            return "type check ('%s') failed - got '%s'" % (kind, text)
        if "minimum" in schema and value < float(schema["minimum"]):
            return "value must have a minimum value of %s" % schema["minimum"]
        if "maximum" in schema and value > float(schema["maximum"]):
            return "value must have a maximum value of %s" % schema["maximum"]
    elif kind == "boolean":
        if not _BOOL.fullmatch(text):
            return "type check ('boolean') failed - got '%s'" % text
    elif kind == "string":
        reason = _check_string(schema, text)
        if reason:
            return reason
    if "enum" in schema and text not in [str(e) for e in schema["enum"]]:
        return "value '%s' does not have a value in the enumeration '%s'" % (
            text, ", ".join(str(e) for e in schema["enum"]))
    return None


def _check_string(schema, text):
    if "maxLength" in schema and len(text) > int(schema["maxLength"]):
        return "value may only be %s characters long" % schema["maxLength"]
    if "minLength" in schema and len(text) < int(schema["minLength"]):
        return "value must be at least %s characters long" % schema["minLength"]
    if "pattern" in schema and not _python_regex(schema["pattern"]).fullmatch(text):
        return "value does not match the regex pattern"
    fmt = schema.get("format")
    if isinstance(fmt, dict):
        return _check_property_string(fmt, text)
    if fmt == "pve-vmid":
        value = _number(text, True)
        return None if value is not None and value >= 100 else "invalid format - value does not look like a valid VM ID"
    if isinstance(fmt, str) and fmt in FORMATS and not FORMATS[fmt].fullmatch(text):
        return "invalid format - value does not look like a valid %s" % fmt
    return None


def _check_property_string(fmt, text):
    """'[current=]<integer>' style values: key=value pairs, one bare value for default_key."""
    default_key = next((k for k, s in fmt.items() if s.get("default_key")), None)
    seen = set()
    for part in text.split(","):
        key, eq, value = part.partition("=")
        if not eq:
            if default_key is None or default_key in seen:
                return "format error - value without key, but schema does not define a default key"
            key, value = default_key, part
        schema = fmt.get(key)
        if schema is None:
            return "format error - %s: property is not defined in schema" % key
        if "alias" in schema:
            key, schema = schema["alias"], fmt[schema["alias"]]
        if key in seen:
            return "format error - %s: duplicate key" % key
        seen.add(key)
        reason = check_value(schema, value)
        if reason:
            return "format error - %s: %s" % (key, reason)
    for key, schema in fmt.items():
        if "alias" not in schema and not schema.get("optional") and "default" not in schema \
                and key not in seen:
            return "format error - %s: property is missing and it is not optional" % key
    return None


class Route:
    def __init__(self, template, info):
        self.template = template
        self.info = info  # method -> description
        names = re.findall(r"\{(\w+)\}", template)
        self.params = len(names)
        self.regex = re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)",
                                             re.escape(template)) + "$")


class Spec:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            tree = json.load(f)
        self.routes = []
        stack = list(tree)
        while stack:
            node = stack.pop()
            if node.get("info"):
                self.routes.append(Route(node["path"], node["info"]))
            stack.extend(node.get("children") or [])
        # Literal segments win over parameters, as in the real router.
        self.routes.sort(key=lambda r: r.params)

    def route(self, path):
        for route in self.routes:
            match = route.regex.match(path)
            if match:
                return route, match.groupdict()
        return None, None

    def validate(self, method, path, params):
        """params: name -> list of values (as parse_qs gives them). Path parameters are
        unquoted already. Returns (route, path_params, errors); route None: no such path."""
        route, path_params = self.route(path)
        if route is None:
            return None, None, {"path": "no API path %s" % path}
        info = route.info.get(method)
        if info is None:
            return route, path_params, {"method": "%s is not defined for %s" % (method, route.template)}
        values = {k: [v] for k, v in path_params.items()}
        for name, given in params.items():
            if name in values:
                return route, path_params, {name: "duplicate parameter (also in the path)"}
            values[name] = given
        return route, path_params, check_parameters(info.get("parameters") or {}, values)


def _schema_for(properties, name):
    if name in properties:
        return properties[name]
    indexed = re.fullmatch(r"([a-z]+)(\d+)", name)
    if indexed and indexed.group(1) + "[n]" in properties:
        return properties[indexed.group(1) + "[n]"]
    return None


def check_parameters(parameters, values):
    properties = parameters.get("properties") or {}
    errors = {}
    for name, given in values.items():
        schema = _schema_for(properties, name)
        if schema is None:
            if not parameters.get("additionalProperties"):
                errors[name] = "property is not defined in schema and the schema does not allow additional properties"
            continue
        if schema.get("type") == "array":
            items = schema.get("items") or {}
            reasons = [check_value(items, v) for v in given]
            reason = next((r for r in reasons if r), None)
        elif len(given) != 1:
            reason = "got %d values, expected one" % len(given)
        else:
            reason = check_value(schema, given[0])
        if reason:
            errors[name] = reason
    for name, schema in properties.items():
        if not schema.get("optional") and "[n]" not in name and name not in values:
            errors[name] = "property is missing and it is not optional"
    return errors
