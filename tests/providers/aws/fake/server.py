#!/usr/bin/env python3
"""A fake EC2 + Route 53 + IMDSv2 endpoint on 127.0.0.1 for tidepool-aws tests.

Every API request must carry a valid SigV4 signature (sigv4.py, an independent implementation)
and fit the official botocore models in /work/shared/specs/aws (shapes.py): the operation
exists, the EC2 Version matches, every required member is present with the right type, and no
member is unknown. Answers are XML shaped by the same models. State (instances, tags, client
tokens, record sets, changes) lives in ec2.py and route53.py.

Control endpoints (unsigned, for the tests): GET /_fake/state, POST /_fake/reset, POST /_fake/inject
{"operation": "RunInstances"|"*", "code": "...", "status": 503, "count": 2, "retry_after": 1},
POST /_fake/config {"boot_seconds": .., "pending_polls": .., "max_page": .., "drop_tags": ..}.
"""
import argparse
import json
import os
import re
import sys
import threading
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ec2  # noqa: E402
import imds  # noqa: E402
import route53  # noqa: E402
import shapes  # noqa: E402
import sigv4  # noqa: E402

EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/"


class Fake:
    def __init__(self, args):
        specs = args.specs
        self.ec2_model = shapes.Model(f"{specs}/botocore/ec2/2016-11-15/service-2.json")
        self.r53_model = shapes.Model(f"{specs}/botocore/route53/2013-04-01/service-2.json")
        self.region = args.region
        self.keys = {}
        for key in args.key:
            parts = key.split(":")
            self.keys[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else None)
        self.args = args
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        """Back to an empty cloud, so one fake process serves many test cases."""
        args = self.args
        with self.lock:
            self.ec2 = ec2.Ec2State(args.password_public_key)
            self.r53 = route53.Route53State(dict(z.split(":", 1) for z in args.hosted_zone))
            self.imds = imds.Imds(args.imds_role, self.keys, args.imds_ttl)
            self.injections = []
            self.log = []
            self.rejections = []  # requests refused for signature or model reasons

    def injected(self, operation):
        with self.lock:
            for rule in self.injections:
                if rule["count"] > 0 and rule["operation"] in ("*", operation):
                    rule["count"] -= 1
                    return rule
        return None

    def reject(self, what, error):
        with self.lock:
            self.rejections.append(f"{what}: {error}")

    def record(self, service, operation, params):
        with self.lock:
            self.log.append({"service": service, "operation": operation,
                             "params": json.loads(json.dumps(params, default=str))})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake = None  # set in main

    def log_message(self, fmt, *args):  # quiet: ctest shows stderr on failure only
        if os.environ.get("TP_FAKE_AWS_VERBOSE"):
            sys.stderr.write("fake-aws: " + fmt % args + "\n")

    # --- plumbing ---------------------------------------------------------------------------
    def _send(self, status, body, content_type="text/xml;charset=UTF-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))

    def _split(self):
        path, _, query = self.path.partition("?")
        return path, query

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def _dispatch(self, method):
        try:
            self._route(method)
        except Exception as e:  # a fake bug must fail the test loudly, not hang the client
            sys.stderr.write(f"fake-aws: internal error: {e!r}\n")
            self._send(500, f"<Response><Errors><Error><Code>FakeInternalError</Code><Message>"
                       f"{e!r}</Message></Error></Errors></Response>".encode())

    def _route(self, method):
        path, query = self._split()
        body = self._body()
        if path.startswith("/_fake/"):
            return self._control(method, path, body)
        if path.startswith("/latest/"):
            status, text = self.fake.imds.handle(method, path, self.headers)
            return self._send(status, text.encode(), "text/plain")
        if path.startswith("/2013-04-01/"):
            return self._route53(method, path, query, body)
        if method == "POST" and path == "/":
            return self._ec2(method, path, query, body)
        self._send(404, b"<Error><Code>NotFound</Code></Error>")

    # --- EC2 --------------------------------------------------------------------------------
    def _ec2_error(self, status, code, message, headers=()):
        root = ET.Element("Response")
        error = ET.SubElement(ET.SubElement(root, "Errors"), "Error")
        ET.SubElement(error, "Code").text = code
        ET.SubElement(error, "Message").text = message
        ET.SubElement(root, "RequestID").text = str(uuid.uuid4())
        self._send(status, ET.tostring(root), headers=headers)

    def _ec2(self, method, path, query, body):
        fake = self.fake
        try:
            sigv4.verify(method, path, query, self.headers, body, fake.keys, "ec2", fake.region)
        except sigv4.SignatureError as e:
            fake.reject("ec2 signature", e)
            return self._ec2_error(401, "AuthFailure" if e.code != "SignatureDoesNotMatch"
                                   else e.code, str(e))
        if not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            return self._ec2_error(400, "InvalidParameterValue", "form-encoded body expected")
        try:
            pairs = urllib.parse.parse_qsl(body.decode(), keep_blank_values=True,
                                           strict_parsing=bool(body))
            action, params = shapes.parse_ec2_query(fake.ec2_model, pairs)
        except (shapes.ApiError, ValueError) as e:
            code = getattr(e, "code", "InvalidParameterValue")
            fake.reject("ec2 request", e)
            return self._ec2_error(400, code, str(e))
        fake.record("ec2", action, params)
        if self._inject(action, self._ec2_error):
            return
        if action not in ec2.OPERATIONS:
            return self._ec2_error(400, "UnsupportedOperation", f"fake has no {action}")
        method_name, output = ec2.OPERATIONS[action]
        try:
            result = getattr(fake.ec2, method_name)(params)
        except shapes.ApiError as e:
            return self._ec2_error(e.status, e.code, e.message)
        if output is None:
            root = ET.Element(f"{action}Response", xmlns=EC2_NS)
            ET.SubElement(root, "return").text = "true"
            xml = ET.tostring(root)
        else:
            xml = shapes.xml_response(fake.ec2_model, output, f"{action}Response", result, EC2_NS)
        xml = xml.replace(b'">', b'"><requestId>' + str(uuid.uuid4()).encode() + b"</requestId>", 1)
        self._send(200, xml)

    def _inject(self, operation, error):
        rule = self.fake.injected(operation)
        if not rule:
            return False
        headers = [("Retry-After", str(rule["retry_after"]))] if rule.get("retry_after") else []
        error(rule.get("status", 503), rule["code"], rule.get("message", "injected by the fake"),
              headers)
        return True

    # --- Route 53 ---------------------------------------------------------------------------
    def _r53_error(self, status, code, message, headers=()):
        root = ET.Element("ErrorResponse", xmlns=R53_NS)
        error = ET.SubElement(root, "Error")
        ET.SubElement(error, "Type").text = "Sender" if status < 500 else "Receiver"
        ET.SubElement(error, "Code").text = code
        ET.SubElement(error, "Message").text = message
        ET.SubElement(root, "RequestId").text = str(uuid.uuid4())
        self._send(status, ET.tostring(root), headers=headers)

    def _route53(self, method, path, query, body):
        fake = self.fake
        try:
            sigv4.verify(method, path, query, self.headers, body, fake.keys, "route53",
                         "us-east-1")
        except sigv4.SignatureError as e:
            fake.reject("route53 signature", e)
            return self._r53_error(403, e.code, str(e))
        try:
            operation, params = route53_request(fake.r53_model, method, path, query, body)
        except shapes.ApiError as e:
            fake.reject("route53 request", e)
            return self._r53_error(e.status, e.code, e.message)
        fake.record("route53", operation, params)
        if self._inject(operation, self._r53_error):
            return
        method_name, output, root = route53.OPERATIONS[operation]
        try:
            result = getattr(fake.r53, method_name)(params)
        except shapes.ApiError as e:
            return self._r53_error(e.status, e.code, e.message)
        self._send(200, shapes.xml_response(fake.r53_model, output, root, result, R53_NS))

    # --- control ----------------------------------------------------------------------------
    def _control(self, method, path, body):
        fake = self.fake
        if path == "/_fake/state" and method == "GET":
            with fake.lock:
                log = list(fake.log)
                rejections = list(fake.rejections)
            state = {"instances": fake.ec2.snapshot(), "zones": fake.r53.snapshot(),
                     "requests": log, "rejections": rejections, "imds_credential_fetches": fake.imds.fetches}
            return self._send(200, json.dumps(state, default=str).encode(), "application/json")
        request = json.loads(body or b"{}")
        if path == "/_fake/reset":
            fake.reset()
        elif path == "/_fake/inject":
            with fake.lock:
                fake.injections.append(dict({"operation": "*", "count": 1}, **request))
        elif path == "/_fake/config":
            fake.ec2.boot_seconds = request.get("boot_seconds", fake.ec2.boot_seconds)
            fake.ec2.max_page = request.get("max_page", fake.ec2.max_page)
            fake.ec2.drop_tags = request.get("drop_tags", fake.ec2.drop_tags)
            fake.r53.pending_polls = request.get("pending_polls", fake.r53.pending_polls)
        else:
            return self._send(404, b"{}", "application/json")
        self._send(200, b"{}", "application/json")


def route53_request(model, method, path, query, body):
    """Matches a Route 53 request to its operation and validates it against the model."""
    for name, op in model.operations.items():
        http = op["http"]
        pattern = "^" + http["requestUri"].split("?")[0].replace("{Id}", "(?P<Id>[^/]+)") + "$"
        match = re.match(pattern, path)
        if http["method"] != method or not match:
            continue
        shape = model.shapes[op["input"]["shape"]] if "input" in op else {"members": {}}
        params = {}
        by_query = {r.get("locationName"): n for n, r in shape["members"].items()
                    if r.get("location") == "querystring"}
        for n, r in shape["members"].items():
            if r.get("location") == "uri" and r.get("locationName") in match.groupdict():
                params[n] = urllib.parse.unquote(match.group(r["locationName"]))
        for key, value in urllib.parse.parse_qsl(query, keep_blank_values=True):
            if key not in by_query:
                raise shapes.ApiError("InvalidInput", f"unknown query parameter {key}")
            params[by_query[key]] = value
        if body:
            root = ET.fromstring(body)
            wanted = "{%s}%s" % (op["input"]["xmlNamespace"]["uri"], op["input"]["locationName"])
            if root.tag != wanted:
                raise shapes.ApiError("InvalidInput", f"body root {root.tag}, expected {wanted}")
            params.update(shapes.parse_xml_input(model, shape, root, ""))
        shapes.check_required(model, shape, params, "")
        return name, params
    raise shapes.ApiError("InvalidInput", f"no Route 53 operation for {method} {path}", 404)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--specs", default="/work/shared/specs/aws")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--key", action="append", default=[], help="AKID:SECRET[:TOKEN]")
    parser.add_argument("--hosted-zone", action="append", default=[], help="ZONEID:domain")
    parser.add_argument("--password-public-key", help="PEM public key for Windows passwords")
    parser.add_argument("--imds-role", help="role name; its keys must be one of --key")
    parser.add_argument("--imds-ttl", type=int, default=6 * 3600)
    args = parser.parse_args()
    Handler.fake = Fake(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)  # readers never see a half-written port
    server.serve_forever()


if __name__ == "__main__":
    main()
